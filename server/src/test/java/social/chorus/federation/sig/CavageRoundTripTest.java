package social.chorus.federation.sig;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.sig.SigFixtures.ALICE_INBOX;
import static social.chorus.federation.sig.SigFixtures.ALICE_KEY_ID;
import static social.chorus.federation.sig.SigFixtures.FOLLOW;
import static social.chorus.federation.sig.SigFixtures.NOW;
import static social.chorus.federation.sig.SigFixtures.bob;
import static social.chorus.federation.sig.SigFixtures.clockAt;
import static social.chorus.federation.sig.SigFixtures.parseAndVerify;
import static social.chorus.federation.sig.SigFixtures.parsed;
import static social.chorus.federation.sig.SigFixtures.verifierAt;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** draft-cavage: what our signer sends, our verifier accepts, in every shape the fediverse uses. */
class CavageRoundTripTest {
    private final KeyPair rsa = bob();
    private final KeyPair ed25519 = new Keys().generateEd25519();
    private final RequestSigner signer = RequestSigner.of(SignatureStyle.CAVAGE, clockAt(NOW));
    private final SignatureVerifier verifier = verifierAt(NOW.plusSeconds(30));

    /** An outbound request as delivery builds it, then seen as the receiving server sees it. */
    private static HttpRequestView received(HttpRequestView signed) {
        return HttpRequestView.inbound(signed.method(), signed.target(), signed.headers(), signed.body());
    }

    @Test
    void getWithQueryStringSignsTheTargetExactlyAsSent() {
        URI uri = URI.create("https://remote.example/users/bob/outbox?page=2&x=a%20b");
        HttpRequestView request = HttpRequestView.outbound("GET", uri,
                HttpHeaders.of("Accept", "application/activity+json"), null);

        HttpHeaders added = signer.sign(request, new SigningKey(ALICE_KEY_ID, rsa.getPrivate()));

        assertThat(added.first("Date")).contains("Tue, 14 Jan 2025 10:00:00 GMT");
        assertThat(added.first("Host")).contains("remote.example");
        assertThat(added.contains("Digest")).isFalse();
        assertThat(added.first("Signature").orElseThrow())
                .startsWith("keyId=\"" + ALICE_KEY_ID + "\",algorithm=\"rsa-sha256\","
                        + "headers=\"(request-target) host date\",signature=\"");

        HttpRequestView inbound = received(signer.signed(request, new SigningKey(ALICE_KEY_ID, rsa.getPrivate())));
        assertThat(inbound.target()).isEqualTo("/users/bob/outbox?page=2&x=a%20b");
        ParsedSignature sig = parsed(verifier, inbound);
        assertThat(sig.style()).isEqualTo(SignatureStyle.CAVAGE);
        assertThat(sig.keyId()).isEqualTo(ALICE_KEY_ID);
        assertThat(sig.algorithm()).isEqualTo(SignatureAlgorithm.RSA_SHA256);
        assertThat(sig.components()).containsExactly("(request-target)", "host", "date");
        assertThat(verifier.verify(sig, inbound, rsa.getPublic()).isVerified()).isTrue();
    }

    @Test
    void signingStringForTheQueryTargetIsLowerCaseMethodAndRawTarget() throws Exception {
        HttpRequestView request = HttpRequestView.outbound("GET",
                URI.create("https://remote.example/outbox?page=2&x=a%20b"),
                HttpHeaders.of("Host", "remote.example", "Date", "Tue, 14 Jan 2025 10:00:00 GMT"), null);
        assertThat(CavageSigningString.build(List.of("(request-target)", "host", "date"), request,
                Optional.empty(), Optional.empty()))
                .isEqualTo("(request-target): get /outbox?page=2&x=a%20b\n"
                        + "host: remote.example\n"
                        + "date: Tue, 14 Jan 2025 10:00:00 GMT");
    }

    @Test
    void postCoversDigestAndContentType() {
        HttpRequestView request = HttpRequestView.outbound("POST", ALICE_INBOX,
                HttpHeaders.of("Content-Type", "application/activity+json"), FOLLOW);

        HttpRequestView signed = signer.signed(request, new SigningKey(ALICE_KEY_ID, rsa.getPrivate()));

        assertThat(signed.headers().first("digest")).contains("SHA-256="
                + Base64.getEncoder().encodeToString(Digests.hash(request, "SHA-256")));
        ParsedSignature sig = parsed(verifier, received(signed));
        assertThat(sig.components()).containsExactly("(request-target)", "host", "date", "digest", "content-type");
        assertThat(verifier.verify(sig, received(signed), rsa.getPublic()).isVerified()).isTrue();
    }

    @Test
    void hs2019WithAnRsaKeyUsesPkcs1Sha256() {
        HttpRequestView signed = signer.signed(HttpRequestView.outbound("POST", ALICE_INBOX,
                HttpHeaders.of("Content-Type", "application/activity+json"), FOLLOW),
                new SigningKey(ALICE_KEY_ID, rsa.getPrivate()));
        // The algorithm parameter is not part of the signing string, so relabelling keeps it valid:
        // exactly what a sender that says hs2019 with an RSA key produces.
        String hs2019 = signed.headers().first("signature").orElseThrow()
                .replace("algorithm=\"rsa-sha256\"", "algorithm=\"hs2019\"");
        HttpRequestView inbound = received(signed.withHeaders(signed.headers().replacing("Signature", hs2019)));

        ParsedSignature sig = parsed(verifier, inbound);
        assertThat(sig.algorithm()).isEqualTo(SignatureAlgorithm.HS2019);
        assertThat(verifier.verify(sig, inbound, rsa.getPublic()).isVerified()).isTrue();
    }

    @Test
    void hs2019WithAnEd25519Key() {
        HttpRequestView signed = signer.signed(HttpRequestView.outbound("POST", ALICE_INBOX,
                HttpHeaders.of("Content-Type", "application/activity+json"), FOLLOW),
                new SigningKey(ALICE_KEY_ID, ed25519.getPrivate()));

        assertThat(signed.headers().first("signature").orElseThrow()).contains("algorithm=\"hs2019\"");
        ParsedSignature sig = parsed(verifier, received(signed));
        assertThat(sig.signature()).hasSize(64);
        assertThat(verifier.verify(sig, received(signed), ed25519.getPublic()).isVerified()).isTrue();
    }

    @Test
    void authorizationSignatureHeaderIsAccepted() {
        HttpRequestView signed = signer.signed(HttpRequestView.outbound("GET",
                URI.create("https://chorus.example/users/alice"), HttpHeaders.empty(), null),
                new SigningKey(ALICE_KEY_ID, rsa.getPrivate()));
        String params = signed.headers().first("signature").orElseThrow();
        HttpRequestView inbound = received(signed.withHeaders(HttpHeaders.fromEntries(signed.headers().entries()
                .stream().filter(h -> !h.name().equalsIgnoreCase("signature")).toList())
                .plus("Authorization", "Signature " + params)));

        assertThat(parseAndVerify(verifier, inbound, rsa.getPublic()).isVerified()).isTrue();
    }

    @Test
    void createdAndExpiresPseudoHeadersAreSupported() throws Exception {
        Instant created = NOW;
        Instant expires = NOW.plus(Duration.ofMinutes(5));
        HttpRequestView request = HttpRequestView.inbound("GET", "/users/alice",
                HttpHeaders.of("Host", "chorus.example"), null);
        List<String> covered = List.of("(request-target)", "host", "(created)", "(expires)");
        String signingString = CavageSigningString.build(covered, request, Optional.of(created), Optional.of(expires));
        assertThat(signingString).isEqualTo("(request-target): get /users/alice\nhost: chorus.example\n"
                + "(created): 1736848800\n(expires): 1736849100");
        String signature = Base64.getEncoder().encodeToString(
                Crypto.sign(ed25519.getPrivate(), signingString.getBytes(StandardCharsets.UTF_8)));
        HttpRequestView inbound = request.withHeaders(request.headers().plus("Signature",
                "keyId=\"" + ALICE_KEY_ID + "\",algorithm=\"hs2019\",created=1736848800,expires=1736849100,"
                        + "headers=\"(request-target) host (created) (expires)\",signature=\"" + signature + "\""));

        ParsedSignature sig = parsed(verifier, inbound);
        assertThat(sig.created()).contains(created);
        assertThat(sig.expires()).contains(expires);
        assertThat(verifier.verify(sig, inbound, ed25519.getPublic()).isVerified()).isTrue();

        VerificationResult late = verifierAt(NOW.plus(Duration.ofMinutes(6))).verify(sig, inbound, ed25519.getPublic());
        assertThat(late.failure().orElseThrow().reason()).isEqualTo(FailureReason.EXPIRED);
    }

    @Test
    void dateHeaderAlwaysHasTwoDigitDays() {
        HttpHeaders added = RequestSigner.of(SignatureStyle.CAVAGE, clockAt(Instant.parse("2025-02-03T04:05:06.789Z")))
                .sign(HttpRequestView.outbound("GET", ALICE_INBOX, HttpHeaders.empty(), null),
                        new SigningKey(ALICE_KEY_ID, ed25519.getPrivate()));
        assertThat(added.first("date")).contains("Mon, 03 Feb 2025 04:05:06 GMT");
    }

    @Test
    void repeatedHeadersAreJoinedInWireOrder() throws Exception {
        HttpRequestView request = HttpRequestView.inbound("GET", "/", HttpHeaders.of(
                "Host", "chorus.example", "Cache-Control", "max-age=60 ", "cache-control", " must-revalidate"), null);
        assertThat(CavageSigningString.build(List.of("cache-control"), request, Optional.empty(), Optional.empty()))
                .isEqualTo("cache-control: max-age=60, must-revalidate");
    }

    @Test
    void signerKeepsAnExistingHostHeader() {
        HttpHeaders added = signer.sign(HttpRequestView.outbound("GET", ALICE_INBOX,
                HttpHeaders.of("Host", "chorus.example"), null), new SigningKey(ALICE_KEY_ID, ed25519.getPrivate()));
        assertThat(added.contains("host")).isFalse();
    }
}
