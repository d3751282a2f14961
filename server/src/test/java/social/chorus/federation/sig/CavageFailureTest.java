package social.chorus.federation.sig;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.sig.SigFixtures.ALICE_INBOX;
import static social.chorus.federation.sig.SigFixtures.ALICE_KEY_ID;
import static social.chorus.federation.sig.SigFixtures.FOLLOW;
import static social.chorus.federation.sig.SigFixtures.NOW;
import static social.chorus.federation.sig.SigFixtures.bob;
import static social.chorus.federation.sig.SigFixtures.clockAt;
import static social.chorus.federation.sig.SigFixtures.parseAndVerify;
import static social.chorus.federation.sig.SigFixtures.verifierAt;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every way a cavage-signed request is refused, each with its own typed reason. */
class CavageFailureTest {
    private final KeyPair rsa = bob();
    private final RequestSigner signer = RequestSigner.of(SignatureStyle.CAVAGE, clockAt(NOW));
    private final SignatureVerifier verifier = verifierAt(NOW);

    private HttpRequestView signedPost() {
        HttpRequestView signed = signer.signed(HttpRequestView.outbound("POST", ALICE_INBOX,
                HttpHeaders.of("Content-Type", "application/activity+json"), FOLLOW),
                new SigningKey(ALICE_KEY_ID, rsa.getPrivate()));
        return HttpRequestView.inbound(signed.method(), signed.target(), signed.headers(), signed.body());
    }

    /** A request carrying a hand-made Signature header over {@code covered}, signed with bob's key. */
    private HttpRequestView handSigned(HttpRequestView request, String covered) throws Rejection {
        String signingString = CavageSigningString.build(List.of(covered.split(" ")), request,
                Optional.empty(), Optional.empty());
        String sig = Base64.getEncoder().encodeToString(
                Crypto.sign(rsa.getPrivate(), signingString.getBytes(StandardCharsets.UTF_8)));
        return request.withHeaders(request.headers().plus("Signature", "keyId=\"" + ALICE_KEY_ID
                + "\",algorithm=\"rsa-sha256\",headers=\"" + covered + "\",signature=\"" + sig + "\""));
    }

    private SignatureFailure failure(HttpRequestView request, PublicKey key) {
        VerificationResult result = parseAndVerify(verifier, request, key);
        assertThat(result.isVerified()).as("expected a failure").isFalse();
        return result.failure().orElseThrow();
    }

    private SignatureFailure failure(HttpRequestView request) {
        return failure(request, rsa.getPublic());
    }

    private static HttpRequestView withHeader(HttpRequestView r, String name, String value) {
        return r.withHeaders(r.headers().replacing(name, value));
    }

    @Test
    void wrongDigestHeader() {
        HttpRequestView r = withHeader(signedPost(), "Digest", "SHA-256=" + Base64.getEncoder().encodeToString(new byte[32]));
        // The digest is signed too, so a forged one also breaks the signature — but the digest
        // check comes first and gives the precise reason.
        assertThat(failure(r).reason()).isEqualTo(FailureReason.DIGEST_MISMATCH);
    }

    @Test
    void bodyAlteredAfterSigning() {
        HttpRequestView r = signedPost();
        HttpRequestView altered = new HttpRequestView(r.method(), r.scheme(), r.authority(), r.target(), r.headers(),
                new String(FOLLOW, StandardCharsets.UTF_8).replace("Follow", "Block").getBytes(StandardCharsets.UTF_8));
        SignatureFailure f = failure(altered);
        assertThat(f.reason()).isEqualTo(FailureReason.DIGEST_MISMATCH);
        assertThat(f.message()).contains("does not match the body");
    }

    @Test
    void postWithoutDigest() throws Exception {
        HttpRequestView r = handSigned(HttpRequestView.inbound("POST", "/users/alice/inbox", HttpHeaders.of(
                "Host", "chorus.example", "Date", "Tue, 14 Jan 2025 10:00:00 GMT"), FOLLOW), "(request-target) host date");
        assertThat(failure(r).reason()).isEqualTo(FailureReason.DIGEST_MISSING);
    }

    @Test
    void digestPresentButNotSigned() throws Exception {
        HttpRequestView r = handSigned(HttpRequestView.inbound("POST", "/users/alice/inbox", HttpHeaders.of(
                "Host", "chorus.example", "Date", "Tue, 14 Jan 2025 10:00:00 GMT",
                "Digest", Digests.digestHeader(HttpRequestView.inbound("POST", "/", HttpHeaders.empty(), FOLLOW))),
                FOLLOW), "(request-target) host date");
        SignatureFailure f = failure(r);
        assertThat(f.reason()).isEqualTo(FailureReason.REQUIRED_COMPONENT_NOT_SIGNED);
        assertThat(f.message()).contains("digest");
    }

    @Test
    void digestWithSeveralAlgorithmsIsFineWhenOursMatches() {
        HttpRequestView r = signedPost();
        String sha256 = r.headers().first("digest").orElseThrow();
        // A Digest header is signed as a whole, so re-sign the multi-valued one.
        HttpRequestView request = HttpRequestView.inbound("POST", "/users/alice/inbox", HttpHeaders.of(
                "Host", "chorus.example", "Date", "Tue, 14 Jan 2025 10:00:00 GMT",
                "Digest", "MD5=AAAA, " + sha256), FOLLOW);
        assertThat(parseAndVerify(verifier, signedWith(request), rsa.getPublic()).isVerified()).isTrue();

        HttpRequestView sha512 = HttpRequestView.inbound("POST", "/users/alice/inbox", HttpHeaders.of(
                "Host", "chorus.example", "Date", "Tue, 14 Jan 2025 10:00:00 GMT",
                "Digest", "SHA-512=" + Base64.getEncoder().encodeToString(Digests.hash(r, "SHA-512"))), FOLLOW);
        assertThat(parseAndVerify(verifier, signedWith(sha512), rsa.getPublic()).isVerified()).isTrue();
    }

    private HttpRequestView signedWith(HttpRequestView request) {
        try {
            return handSigned(request, "(request-target) host date digest");
        } catch (Rejection e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void staleAndFutureDatesAreDistinguishable() {
        HttpRequestView r = signedPost();
        SignatureFailure stale = parseAndVerify(verifierAt(NOW.plus(Duration.ofHours(2))), r, rsa.getPublic())
                .failure().orElseThrow();
        SignatureFailure future = parseAndVerify(verifierAt(NOW.minus(Duration.ofHours(2))), r, rsa.getPublic())
                .failure().orElseThrow();

        assertThat(stale.reason()).isEqualTo(FailureReason.DATE_OUT_OF_WINDOW);
        assertThat(future.reason()).isEqualTo(FailureReason.DATE_OUT_OF_WINDOW);
        assertThat(stale.message()).contains("stale").contains("2h old");
        assertThat(future.message()).contains("2h in the future");
        assertThat(parseAndVerify(verifierAt(NOW.plus(Duration.ofMinutes(59))), r, rsa.getPublic()).isVerified())
                .isTrue();
    }

    @Test
    void windowIsConfigurable() {
        SignatureVerifier strict = new SignatureVerifier(clockAt(NOW.plus(Duration.ofMinutes(10))),
                new VerifierOptions(Duration.ofMinutes(5)));
        assertThat(parseAndVerify(strict, signedPost(), rsa.getPublic()).failure().orElseThrow().reason())
                .isEqualTo(FailureReason.DATE_OUT_OF_WINDOW);
    }

    @Test
    void wrongKey() {
        SignatureFailure f = failure(signedPost(), new Keys().generateRsa().getPublic());
        assertThat(f.reason()).isEqualTo(FailureReason.BAD_SIGNATURE);
        assertThat(f.message()).contains(ALICE_KEY_ID);
    }

    @Test
    void rsaSignatureCheckedWithAnEd25519Key() {
        SignatureFailure f = failure(signedPost(), new Keys().generateEd25519().getPublic());
        assertThat(f.reason()).isEqualTo(FailureReason.KEY_TYPE_MISMATCH);
    }

    @Test
    void hostNotSigned() throws Exception {
        HttpRequestView r = handSigned(HttpRequestView.inbound("GET", "/users/alice", HttpHeaders.of(
                "Host", "chorus.example", "Date", "Tue, 14 Jan 2025 10:00:00 GMT"), null), "(request-target) date");
        SignatureFailure f = failure(r);
        assertThat(f.reason()).isEqualTo(FailureReason.REQUIRED_COMPONENT_NOT_SIGNED);
        assertThat(f.message()).contains("host");
    }

    @Test
    void missingHeadersParameterMeansDateOnlyAndIsRefused() throws Exception {
        HttpRequestView r = handSigned(HttpRequestView.inbound("GET", "/users/alice", HttpHeaders.of(
                "Host", "chorus.example", "Date", "Tue, 14 Jan 2025 10:00:00 GMT"), null), "date");
        String header = r.headers().first("signature").orElseThrow().replace("headers=\"date\",", "");
        HttpRequestView noHeadersParam = withHeader(r, "Signature", header);
        assertThat(SigFixtures.parsed(verifier, noHeadersParam).components()).containsExactly("date");
        assertThat(failure(noHeadersParam).reason()).isEqualTo(FailureReason.REQUIRED_COMPONENT_NOT_SIGNED);
    }

    @Test
    void signedHeaderAbsentFromTheRequest() throws Exception {
        HttpRequestView r = handSigned(HttpRequestView.inbound("GET", "/users/alice", HttpHeaders.of(
                "Host", "chorus.example", "Date", "Tue, 14 Jan 2025 10:00:00 GMT",
                "Accept", "application/activity+json"), null), "(request-target) host date accept");
        HttpRequestView stripped = r.withHeaders(HttpHeaders.fromEntries(r.headers().entries().stream()
                .filter(h -> !h.name().equals("Accept")).toList()));
        SignatureFailure f = failure(stripped);
        assertThat(f.reason()).isEqualTo(FailureReason.SIGNED_COMPONENT_MISSING);
        assertThat(f.message()).contains("accept");
    }

    @Test
    void dateSignedButAbsent() throws Exception {
        HttpRequestView r = handSigned(HttpRequestView.inbound("GET", "/users/alice", HttpHeaders.of(
                "Host", "chorus.example", "Date", "Tue, 14 Jan 2025 10:00:00 GMT"), null), "(request-target) host date");
        HttpRequestView noDate = r.withHeaders(HttpHeaders.fromEntries(r.headers().entries().stream()
                .filter(h -> !h.name().equals("Date")).toList()));
        assertThat(failure(noDate).reason()).isEqualTo(FailureReason.DATE_MISSING);
    }

    @Test
    void malformedSignatureHeaders() {
        HttpRequestView base = HttpRequestView.inbound("GET", "/", HttpHeaders.of("Host", "chorus.example"), null);
        for (String bad : List.of(
                "keyId=\"k\",signature=\"unterminated",
                "keyId=\"k\",headers=\"date\"",
                "signature=\"AAAA\"",
                "keyId=\"k\",keyId=\"k2\",signature=\"AAAA\"",
                "keyId=\"k\",signature=\"not base64!\"",
                "garbage")) {
            assertThat(failure(withHeader(base, "Signature", bad)).reason()).as(bad)
                    .isEqualTo(FailureReason.MALFORMED_SIGNATURE);
        }
    }

    @Test
    void unknownAlgorithm() {
        HttpRequestView r = withHeader(signedPost(), "Signature",
                signedPost().headers().first("signature").orElseThrow().replace("rsa-sha256", "rsa-sha1"));
        SignatureFailure f = failure(r);
        assertThat(f.reason()).isEqualTo(FailureReason.UNSUPPORTED_ALGORITHM);
        assertThat(f.message()).contains("'rsa-sha1'");
    }

    @Test
    void noSignatureAtAll() {
        HttpRequestView r = HttpRequestView.inbound("POST", "/inbox", HttpHeaders.of("Host", "chorus.example",
                "Authorization", "Bearer abc"), FOLLOW);
        assertThat(failure(r).reason()).isEqualTo(FailureReason.MISSING_SIGNATURE);
    }

    @Test
    void tamperedTargetFailsTheSignature() {
        HttpRequestView r = signedPost();
        HttpRequestView moved = new HttpRequestView(r.method(), r.scheme(), r.authority(), "/users/bob/inbox",
                r.headers(), FOLLOW);
        assertThat(failure(moved).reason()).isEqualTo(FailureReason.BAD_SIGNATURE);
    }

    @Test
    void messagesAreSafeToLog() {
        HttpRequestView r = withHeader(signedPost(), "Signature", signedPost().headers().first("signature")
                .orElseThrow().replace("rsa-sha256", "evil\nINFO forged log line"));
        assertThat(failure(r).message()).doesNotContain("\n");
    }
}
