package social.chorus.federation.sig;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * draft-cavage signing the way Mastodon does it, so every fediverse server accepts it: GET covers
 * {@code (request-target) host date}; requests with a body add {@code digest} and
 * {@code content-type}. RSA keys say {@code rsa-sha256} (what old servers insist on), Ed25519
 * keys {@code hs2019}.
 */
final class CavageSigner implements RequestSigner {
    private final Clock clock;

    CavageSigner(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SignatureStyle style() {
        return SignatureStyle.CAVAGE;
    }

    @Override
    public HttpHeaders sign(HttpRequestView request, SigningKey key) {
        Instant now = SignerHeaders.now(clock);
        HttpHeaders added = SignerHeaders.dateAndHost(request, now);
        List<String> covered = new ArrayList<>(List.of(CavageSigningString.REQUEST_TARGET, "host", "date"));
        if (SignerHeaders.digestDue(request)) {
            added = added.plus("Digest", Digests.digestHeader(request));
            covered.add("digest");
            if (request.headers().contains("content-type")) {
                covered.add("content-type");
            }
        }
        HttpRequestView effective = request.withHeaders(request.headers().replacingAll(added));
        String signingString;
        try {
            signingString = CavageSigningString.build(covered, effective, Optional.empty(), Optional.empty());
        } catch (Rejection e) {
            throw new IllegalStateException("signer covered a header it did not set: " + e.getMessage(), e);
        }
        byte[] signature = Crypto.sign(key.privateKey(), signingString.getBytes(StandardCharsets.UTF_8));
        String algorithm = key.keyType() == KeyType.RSA ? SignatureAlgorithm.RSA_SHA256.wireName()
                : SignatureAlgorithm.HS2019.wireName();
        String header = "keyId=\"" + key.keyId() + "\",algorithm=\"" + algorithm + "\",headers=\""
                + String.join(" ", covered) + "\",signature=\"" + Base64.getEncoder().encodeToString(signature) + "\"";
        return added.plus("Signature", header);
    }
}
