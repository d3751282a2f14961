package social.chorus.federation.sig;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.sig.SigFixtures.NOW;
import static social.chorus.federation.sig.SigFixtures.bobPrivate;
import static social.chorus.federation.sig.SigFixtures.bobPublic;
import static social.chorus.federation.sig.SigFixtures.clockAt;
import static social.chorus.federation.sig.SigFixtures.parseHttp;
import static social.chorus.federation.sig.SigFixtures.parsed;
import static social.chorus.federation.sig.SigFixtures.resource;
import static social.chorus.federation.sig.SigFixtures.verifierAt;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A Mastodon-shaped inbox POST captured as text (signed with openssl, not with our code), checked
 * as the inbox will check it, and reproduced byte for byte by our signer: RSASSA-PKCS1-v1_5 is
 * deterministic, so equal signatures prove equal signing strings.
 */
class MastodonCapturedRequestTest {
    private final HttpRequestView captured = parseHttp(resource("mastodon-follow.http"));

    @Test
    void verifiesWithTheActorsPublicKey() {
        SignatureVerifier verifier = verifierAt(NOW.plus(Duration.ofMinutes(3)));
        ParsedSignature sig = parsed(verifier, captured);

        assertThat(sig.keyId()).isEqualTo("https://mastodon.example/users/bob#main-key");
        assertThat(KeyIds.fetchUrl(sig.keyId()).orElseThrow()).hasToString("https://mastodon.example/users/bob");
        assertThat(sig.components()).containsExactly("(request-target)", "host", "date", "digest", "content-type");
        assertThat(verifier.verify(sig, captured, bobPublic())).isInstanceOf(VerificationResult.Verified.class);
    }

    @Test
    void ourSignerProducesTheSameHeaders() {
        HttpRequestView unsigned = captured.withHeaders(HttpHeaders.of(
                "Host", "chorus.example", "Content-Type", "application/activity+json"));
        HttpHeaders ours = RequestSigner.of(SignatureStyle.CAVAGE, clockAt(Instant.parse("2025-01-14T10:00:00Z")))
                .sign(unsigned, new SigningKey("https://mastodon.example/users/bob#main-key", bobPrivate()));

        assertThat(ours.first("date")).isEqualTo(captured.headers().first("date"));
        assertThat(ours.first("digest")).isEqualTo(captured.headers().first("digest"));
        assertThat(ours.first("signature")).isEqualTo(captured.headers().first("signature"));
    }

    @Test
    void aRedeliveryTwoHoursLateIsRefusedAsStale() {
        VerificationResult late = SigFixtures.parseAndVerify(verifierAt(NOW.plus(Duration.ofHours(2))), captured,
                bobPublic());
        assertThat(late.failure().orElseThrow().reason()).isEqualTo(FailureReason.DATE_OUT_OF_WINDOW);
    }
}
