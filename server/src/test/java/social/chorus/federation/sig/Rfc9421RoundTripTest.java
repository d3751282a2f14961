package social.chorus.federation.sig;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.sig.SigFixtures.ALICE_INBOX;
import static social.chorus.federation.sig.SigFixtures.ALICE_KEY_ID;
import static social.chorus.federation.sig.SigFixtures.FOLLOW;
import static social.chorus.federation.sig.SigFixtures.NOW;
import static social.chorus.federation.sig.SigFixtures.bob;
import static social.chorus.federation.sig.SigFixtures.clockAt;
import static social.chorus.federation.sig.SigFixtures.parsed;
import static social.chorus.federation.sig.SigFixtures.verifierAt;

import java.net.URI;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

/** RFC 9421: our signer's output, read back by our verifier. */
class Rfc9421RoundTripTest {
    private final KeyPair rsa = bob();
    private final KeyPair ed25519 = new Keys().generateEd25519();
    private final RequestSigner signer = RequestSigner.of(SignatureStyle.RFC9421, clockAt(NOW));
    private final SignatureVerifier verifier = verifierAt(NOW.plusSeconds(5));

    private static HttpRequestView received(HttpRequestView signed) {
        return HttpRequestView.inbound(signed.method(), signed.target(), signed.headers(), signed.body());
    }

    private HttpRequestView signedPost(KeyPair keys) {
        return received(signer.signed(HttpRequestView.outbound("POST", ALICE_INBOX,
                HttpHeaders.of("Content-Type", "application/activity+json"), FOLLOW),
                new SigningKey(ALICE_KEY_ID, keys.getPrivate())));
    }

    @Test
    void rsaPostHeadersHaveTheExpectedShape() {
        HttpRequestView r = signedPost(rsa);

        assertThat(r.headers().first("content-digest").orElseThrow()).matches("sha-256=:[A-Za-z0-9+/]{43}=:");
        assertThat(r.headers().first("signature-input")).contains("sig1=(\"@method\" \"@target-uri\" \"@authority\" "
                + "\"content-digest\" \"content-type\");created=1736848800;keyid=\"" + ALICE_KEY_ID
                + "\";alg=\"rsa-v1_5-sha256\"");
        assertThat(r.headers().first("signature").orElseThrow()).matches("sig1=:[A-Za-z0-9+/]+=*:");
        assertThat(r.headers().first("date")).contains("Tue, 14 Jan 2025 10:00:00 GMT");
    }

    @Test
    void rsaV15Sha256RoundTrip() {
        HttpRequestView r = signedPost(rsa);
        ParsedSignature sig = parsed(verifier, r);

        assertThat(sig.style()).isEqualTo(SignatureStyle.RFC9421);
        assertThat(sig.label()).isEqualTo("sig1");
        assertThat(sig.keyId()).isEqualTo(ALICE_KEY_ID);
        assertThat(sig.algorithm()).isEqualTo(SignatureAlgorithm.RSA_V1_5_SHA256);
        assertThat(sig.created()).contains(NOW);
        assertThat(sig.components())
                .containsExactly("@method", "@target-uri", "@authority", "content-digest", "content-type");
        assertThat(verifier.verify(sig, r, rsa.getPublic()).isVerified()).isTrue();
    }

    @Test
    void ed25519RoundTrip() {
        HttpRequestView r = signedPost(ed25519);
        ParsedSignature sig = parsed(verifier, r);

        assertThat(sig.algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
        assertThat(verifier.verify(sig, r, ed25519.getPublic()).isVerified()).isTrue();
    }

    @Test
    void getWithQueryCoversTheFullTargetUri() throws Exception {
        HttpRequestView r = received(signer.signed(HttpRequestView.outbound("GET",
                URI.create("https://remote.example:443/users/bob/outbox?page=2&x=a%20b"), HttpHeaders.empty(), null),
                new SigningKey(ALICE_KEY_ID, ed25519.getPrivate())));

        assertThat(r.headers().contains("content-digest")).isFalse();
        ParsedSignature sig = parsed(verifier, r);
        assertThat(sig.components()).containsExactly("@method", "@target-uri", "@authority");
        assertThat(SignatureBase.build(sig.components(), sig.signatureParams(), r)).startsWith(
                "\"@method\": GET\n"
                        + "\"@target-uri\": https://remote.example/users/bob/outbox?page=2&x=a%20b\n"
                        + "\"@authority\": remote.example\n"
                        + "\"@signature-params\": (\"@method\" \"@target-uri\" \"@authority\");created=");
        assertThat(verifier.verify(sig, r, ed25519.getPublic()).isVerified()).isTrue();

        HttpRequestView otherPage = new HttpRequestView(r.method(), r.scheme(), r.authority(),
                "/users/bob/outbox?page=3&x=a%20b", r.headers(), null);
        assertThat(verifier.verify(sig, otherPage, ed25519.getPublic()).failure().orElseThrow().reason())
                .isEqualTo(FailureReason.BAD_SIGNATURE);
    }

    @Test
    void algAbsentLetsTheKeyDecide() {
        HttpRequestView r = signedPost(ed25519);
        String input = r.headers().first("signature-input").orElseThrow().replace(";alg=\"ed25519\"", "");
        HttpRequestView noAlg = r.withHeaders(r.headers().replacing("Signature-Input", input));
        // Removing alg changes @signature-params, so the old signature must fail — and a fresh one
        // made over the new params must pass: the verifier really decided by key type.
        ParsedSignature sig = parsed(verifier, noAlg);
        assertThat(sig.algorithm()).isEqualTo(SignatureAlgorithm.FROM_KEY);
        assertThat(verifier.verify(sig, noAlg, ed25519.getPublic()).failure().orElseThrow().reason())
                .isEqualTo(FailureReason.BAD_SIGNATURE);

        byte[] fresh = Crypto.sign(ed25519.getPrivate(), base(sig, noAlg).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpRequestView resigned = noAlg.withHeaders(noAlg.headers().replacing("Signature",
                "sig1=:" + java.util.Base64.getEncoder().encodeToString(fresh) + ":"));
        assertThat(SigFixtures.parseAndVerify(verifier, resigned, ed25519.getPublic()).isVerified()).isTrue();
    }

    private static String base(ParsedSignature sig, HttpRequestView r) {
        try {
            return SignatureBase.build(sig.components(), sig.signatureParams(), r);
        } catch (Rejection e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void bothSignersShareOneInterface() {
        for (SignatureStyle style : SignatureStyle.values()) {
            RequestSigner s = RequestSigner.of(style, clockAt(NOW));
            assertThat(s.style()).isEqualTo(style);
            HttpRequestView r = received(s.signed(HttpRequestView.outbound("POST", ALICE_INBOX,
                    HttpHeaders.of("Content-Type", "application/activity+json"), FOLLOW),
                    new SigningKey(ALICE_KEY_ID, rsa.getPrivate())));
            ParsedSignature sig = parsed(verifier, r);
            assertThat(sig.style()).isEqualTo(style);
            assertThat(verifier.verify(sig, r, rsa.getPublic()).isVerified()).as(style.name()).isTrue();
        }
    }
}
