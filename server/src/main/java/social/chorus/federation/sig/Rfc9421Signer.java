package social.chorus.federation.sig;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 9421 signing for hosts known to accept it: covers {@code @method @target-uri @authority},
 * plus {@code content-digest} and {@code content-type} when there is a body, with {@code created},
 * {@code keyid} and {@code alg} parameters, under the label {@code sig1}. A Date header is still
 * added (unsigned) because some servers log or require it regardless of the signature scheme.
 */
final class Rfc9421Signer implements RequestSigner {
    static final String LABEL = "sig1";

    private final Clock clock;

    Rfc9421Signer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SignatureStyle style() {
        return SignatureStyle.RFC9421;
    }

    @Override
    public HttpHeaders sign(HttpRequestView request, SigningKey key) {
        Instant now = SignerHeaders.now(clock);
        HttpHeaders added = SignerHeaders.dateAndHost(request, now);
        List<String> covered = new ArrayList<>(
                List.of(SignatureBase.METHOD, SignatureBase.TARGET_URI, SignatureBase.AUTHORITY));
        if (SignerHeaders.digestDue(request)) {
            added = added.plus("Content-Digest", Digests.contentDigestHeader(request));
            covered.add("content-digest");
            if (request.headers().contains("content-type")) {
                covered.add("content-type");
            }
        }
        List<Sf.Item> items = new ArrayList<>();
        for (String c : covered) {
            items.add(Sf.Item.of(c));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("created", now.getEpochSecond());
        params.put("keyid", key.keyId());
        params.put("alg", key.keyType() == KeyType.RSA ? SignatureAlgorithm.RSA_V1_5_SHA256.wireName()
                : SignatureAlgorithm.ED25519.wireName());
        Sf.InnerList input = new Sf.InnerList(items, params);
        String signatureParams = Sf.serialize(input);

        HttpRequestView effective = request.withHeaders(request.headers().replacingAll(added));
        String base;
        try {
            base = SignatureBase.build(covered, signatureParams, effective);
        } catch (Rejection e) {
            throw new IllegalStateException("signer covered a component it cannot produce: " + e.getMessage(), e);
        }
        byte[] signature = Crypto.sign(key.privateKey(), base.getBytes(StandardCharsets.UTF_8));
        return added
                .plus("Signature-Input", Sf.serializeDictionary(Map.of(LABEL, input)))
                .plus("Signature", Sf.serializeDictionary(Map.of(LABEL, Sf.Item.of(new Sf.Bytes(signature)))));
    }
}
