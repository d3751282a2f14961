package social.chorus.federation.sig;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.sig.SigFixtures.ALICE_INBOX;
import static social.chorus.federation.sig.SigFixtures.ALICE_KEY_ID;
import static social.chorus.federation.sig.SigFixtures.FOLLOW;
import static social.chorus.federation.sig.SigFixtures.NOW;
import static social.chorus.federation.sig.SigFixtures.clockAt;
import static social.chorus.federation.sig.SigFixtures.parseAndVerify;
import static social.chorus.federation.sig.SigFixtures.verifierAt;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** RFC 9421 refusals. Hand-made signatures are signed for real, so only the named defect fails. */
class Rfc9421FailureTest {
    private final KeyPair ed25519 = new Keys().generateEd25519();
    private final SignatureVerifier verifier = verifierAt(NOW);

    private static final HttpRequestView GET = HttpRequestView.inbound("GET", "/users/alice?page=1",
            HttpHeaders.of("Host", "chorus.example", "Accept", "application/activity+json"), null);

    /** Signs {@code request} with Signature-Input {@code sig1=<input>} using the test Ed25519 key. */
    private HttpRequestView sign(HttpRequestView request, String input) {
        HttpRequestView withInput = request.withHeaders(request.headers().replacing("Signature-Input", "sig1=" + input));
        ParsedSignature parsed = SigFixtures.parsed(verifier, withInput.withHeaders(
                withInput.headers().replacing("Signature", "sig1=:AAAA:")));
        String base;
        try {
            base = SignatureBase.build(parsed.components(), parsed.signatureParams(), withInput);
        } catch (Rejection e) {
            throw new AssertionError(e);
        }
        byte[] sig = Crypto.sign(ed25519.getPrivate(), base.getBytes(StandardCharsets.UTF_8));
        return withInput.withHeaders(withInput.headers().replacing("Signature",
                "sig1=:" + Base64.getEncoder().encodeToString(sig) + ":"));
    }

    private SignatureFailure failure(HttpRequestView request) {
        VerificationResult r = parseAndVerify(verifier, request, ed25519.getPublic());
        assertThat(r.isVerified()).as("expected a failure").isFalse();
        return r.failure().orElseThrow();
    }

    private HttpRequestView signedPost() {
        HttpRequestView signed = RequestSigner.of(SignatureStyle.RFC9421, clockAt(NOW)).signed(
                HttpRequestView.outbound("POST", ALICE_INBOX, HttpHeaders.of("Content-Type", "application/activity+json"),
                        FOLLOW), new SigningKey(ALICE_KEY_ID, ed25519.getPrivate()));
        return HttpRequestView.inbound("POST", signed.target(), signed.headers(), signed.body());
    }

    @Test
    void handSignedControlPasses() {
        HttpRequestView ok = sign(GET, "(\"@method\" \"@target-uri\");created=1736848800;keyid=\"k\"");
        assertThat(parseAndVerify(verifier, ok, ed25519.getPublic()).isVerified()).isTrue();
    }

    @Test
    void createdIsRequired() {
        SignatureFailure f = failure(sign(GET, "(\"@method\" \"@target-uri\");keyid=\"k\""));
        assertThat(f.reason()).isEqualTo(FailureReason.DATE_MISSING);
        assertThat(f.message()).contains("created");
    }

    @Test
    void expiredSignature() {
        SignatureFailure f = failure(sign(GET,
                "(\"@method\" \"@target-uri\");created=1736848700;expires=1736848790;keyid=\"k\""));
        assertThat(f.reason()).isEqualTo(FailureReason.EXPIRED);
    }

    @Test
    void createdOutsideTheWindow() {
        SignatureFailure stale = failure(sign(GET, "(\"@method\" \"@target-uri\");created=1736841600;keyid=\"k\""));
        SignatureFailure future = failure(sign(GET, "(\"@method\" \"@target-uri\");created=1736856000;keyid=\"k\""));
        assertThat(stale.reason()).isEqualTo(FailureReason.DATE_OUT_OF_WINDOW);
        assertThat(stale.message()).contains("stale");
        assertThat(future.message()).contains("in the future");
    }

    @Test
    void methodMustBeSigned() {
        SignatureFailure f = failure(sign(GET, "(\"@target-uri\");created=1736848800;keyid=\"k\""));
        assertThat(f.reason()).isEqualTo(FailureReason.REQUIRED_COMPONENT_NOT_SIGNED);
        assertThat(f.message()).contains("@method");
    }

    @Test
    void targetMustBeSigned() {
        SignatureFailure f = failure(sign(GET, "(\"@method\" \"@authority\");created=1736848800;keyid=\"k\""));
        assertThat(f.reason()).isEqualTo(FailureReason.REQUIRED_COMPONENT_NOT_SIGNED);
    }

    @Test
    void contentDigestMismatch() {
        HttpRequestView r = signedPost();
        HttpRequestView altered = new HttpRequestView(r.method(), r.scheme(), r.authority(), r.target(), r.headers(),
                "{\"type\":\"Delete\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(failure(altered).reason()).isEqualTo(FailureReason.DIGEST_MISMATCH);
    }

    @Test
    void contentDigestSha512IsAccepted() {
        HttpRequestView r = HttpRequestView.inbound("POST", "/users/alice/inbox",
                HttpHeaders.of("Host", "chorus.example"), FOLLOW);
        r = r.withHeaders(r.headers().plus("Content-Digest",
                "sha-512=:" + Base64.getEncoder().encodeToString(Digests.hash(r, "SHA-512")) + ":"));
        HttpRequestView ok = sign(r, "(\"@method\" \"@target-uri\" \"content-digest\");created=1736848800;keyid=\"k\"");
        assertThat(parseAndVerify(verifier, ok, ed25519.getPublic()).isVerified()).isTrue();
    }

    @Test
    void bodyWithoutContentDigest() {
        HttpRequestView r = HttpRequestView.inbound("POST", "/users/alice/inbox",
                HttpHeaders.of("Host", "chorus.example"), FOLLOW);
        SignatureFailure f = failure(sign(r, "(\"@method\" \"@target-uri\");created=1736848800;keyid=\"k\""));
        assertThat(f.reason()).isEqualTo(FailureReason.DIGEST_MISSING);
    }

    @Test
    void contentDigestPresentButNotCovered() {
        HttpRequestView r = HttpRequestView.inbound("POST", "/users/alice/inbox",
                HttpHeaders.of("Host", "chorus.example"), FOLLOW);
        r = r.withHeaders(r.headers().plus("Content-Digest", Digests.contentDigestHeader(r)));
        SignatureFailure f = failure(sign(r, "(\"@method\" \"@target-uri\");created=1736848800;keyid=\"k\""));
        assertThat(f.reason()).isEqualTo(FailureReason.REQUIRED_COMPONENT_NOT_SIGNED);
        assertThat(f.message()).contains("content-digest");
    }

    @Test
    void unsupportedAlgorithm() {
        HttpRequestView r = sign(GET, "(\"@method\" \"@target-uri\");created=1736848800;keyid=\"k\"");
        HttpRequestView pss = r.withHeaders(r.headers().replacing("Signature-Input",
                "sig1=(\"@method\" \"@target-uri\");created=1736848800;keyid=\"k\";alg=\"rsa-pss-sha512\""));
        assertThat(failure(pss).reason()).isEqualTo(FailureReason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void algorithmAndKeyTypeMustAgree() {
        HttpRequestView r = sign(GET, "(\"@method\" \"@target-uri\");created=1736848800;keyid=\"k\";alg=\"rsa-v1_5-sha256\"");
        assertThat(failure(r).reason()).isEqualTo(FailureReason.KEY_TYPE_MISMATCH);
    }

    @Test
    void signedFieldMissing() {
        HttpRequestView r = sign(GET, "(\"@method\" \"@target-uri\" \"accept\");created=1736848800;keyid=\"k\"");
        HttpRequestView stripped = r.withHeaders(HttpHeaders.fromEntries(r.headers().entries().stream()
                .filter(h -> !h.name().equals("Accept")).toList()));
        assertThat(failure(stripped).reason()).isEqualTo(FailureReason.SIGNED_COMPONENT_MISSING);
    }

    @Test
    void malformedInputs() {
        HttpRequestView r = sign(GET, "(\"@method\" \"@target-uri\");created=1736848800;keyid=\"k\"");
        String[] bad = {
            "sig1=(\"@method\" \"@target-uri\";created=1736848800;keyid=\"k\"",
            "sig1=(\"@method\" \"@method\");created=1736848800;keyid=\"k\"",
            "sig1=(\"@method\" \"@target-uri\");created=1736848800",
            "sig1=(\"@method\" \"Host\");created=1736848800;keyid=\"k\"",
            "sig1=(\"@method\" \"@target-uri\");created=\"yesterday\";keyid=\"k\"",
            "sig1=\"@method\";keyid=\"k\"",
        };
        for (String input : bad) {
            HttpRequestView m = r.withHeaders(r.headers().replacing("Signature-Input", input));
            assertThat(failure(m).reason()).as(input).isEqualTo(FailureReason.MALFORMED_SIGNATURE);
        }
        HttpRequestView noSignature = r.withHeaders(HttpHeaders.fromEntries(r.headers().entries().stream()
                .filter(h -> !h.name().equals("Signature")).toList()));
        assertThat(failure(noSignature).reason()).isEqualTo(FailureReason.MISSING_SIGNATURE);
        HttpRequestView otherLabel = r.withHeaders(r.headers().replacing("Signature", "sig2=:AAAA:"));
        assertThat(failure(otherLabel).reason()).isEqualTo(FailureReason.MALFORMED_SIGNATURE);
    }

    @Test
    void firstUsableOfSeveralSignaturesIsChosen() {
        HttpRequestView r = sign(GET, "(\"@method\" \"@target-uri\");created=1736848800;keyid=\"k\"");
        HttpRequestView two = r.withHeaders(r.headers()
                .replacing("Signature-Input", "pss=(\"@method\");created=1;keyid=\"x\";alg=\"rsa-pss-sha512\", "
                        + r.headers().first("signature-input").orElseThrow())
                .replacing("Signature", "pss=:AAAA:, " + r.headers().first("signature").orElseThrow()));
        ParsedSignature sig = SigFixtures.parsed(verifier, two);
        assertThat(sig.label()).isEqualTo("sig1");
        assertThat(verifier.verify(sig, two, ed25519.getPublic()).isVerified()).isTrue();
    }

    @Test
    void windowOfOneMinuteIsHonoured() {
        HttpRequestView r = sign(GET, "(\"@method\" \"@target-uri\");created=1736848800;keyid=\"k\"");
        SignatureVerifier strict = new SignatureVerifier(clockAt(Duration.ofMinutes(2)),
                new VerifierOptions(Duration.ofMinutes(1)));
        assertThat(parseAndVerify(strict, r, ed25519.getPublic()).failure().orElseThrow().reason())
                .isEqualTo(FailureReason.DATE_OUT_OF_WINDOW);
    }
}
