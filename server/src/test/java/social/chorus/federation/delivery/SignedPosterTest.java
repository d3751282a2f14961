package social.chorus.federation.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import social.chorus.federation.deref.FetchException;
import social.chorus.federation.deref.Outbound;
import social.chorus.federation.deref.OutboundPolicy;
import social.chorus.federation.deref.OutboundRig;
import social.chorus.federation.sig.ParsedSignature;
import social.chorus.federation.sig.SignatureStyle;
import social.chorus.federation.sig.SigningKey;

/**
 * The double knock against WireMock inboxes. One WireMock answers as two origins: {@code localhost:PORT}
 * behaves like a cavage-only server (401 to any RFC 9421 signature), {@code 127.0.0.1:PORT} like one
 * that accepts RFC 9421. Every request that reaches an inbox is checked for a valid signature.
 */
class SignedPosterTest {
    private static final byte[] FOLLOW = ("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":"
            + "\"https://chorus.test/follows/1\",\"type\":\"Follow\",\"actor\":\"https://chorus.test/users/alice\","
            + "\"object\":\"https://remote.test/users/bob\"}").getBytes(StandardCharsets.UTF_8);
    private static final SigningKey ALICE = OutboundRig.signingKey("https://chorus.test/users/alice#main-key");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final OutboundRig rig = new OutboundRig();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InMemorySignatureStyles styles = InMemorySignatureStyles.withDefaults(clock);

    @AfterEach
    void close() {
        rig.close();
    }

    private SignedPoster poster(OutboundPolicy policy) {
        Outbound out = rig.outbound(policy, OutboundRig.options(Duration.ofSeconds(5)));
        return new SignedPoster(out.http(), styles, clock);
    }

    private SignedPoster poster() {
        return poster(OutboundPolicy.development());
    }

    /** An inbox that refuses RFC 9421 signatures with {@code status} and takes cavage ones. */
    private void cavageOnlyInbox(String path, int status) {
        rig.wm.stubFor(post(path).withHeader("Signature-Input", matching(".+"))
                .willReturn(aResponse().withStatus(status)));
        rig.wm.stubFor(post(path).withHeader("Signature-Input", absent()).willReturn(aResponse().withStatus(202)));
    }

    private List<LoggedRequest> received(String path) {
        return rig.wm.findAll(postRequestedFor(urlEqualTo(path)));
    }

    private String cavageOrigin() {
        return "localhost:" + rig.wm.port();
    }

    @Test
    void refusedRfc9421IsRetriedWithCavageAndTheHostRemembered() {
        cavageOnlyInbox("/users/bob/inbox", 401);
        SignedPoster poster = poster();
        String inbox = rig.base("localhost") + "/users/bob/inbox";

        PostResult first = poster.post(inbox, FOLLOW, ALICE).await();

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.delivered()).isTrue();
        assertThat(first.style()).isEqualTo(SignatureStyle.CAVAGE);
        assertThat(first.attempts()).isEqualTo(2);
        List<LoggedRequest> sent = received("/users/bob/inbox");
        assertThat(sent).hasSize(2);
        ParsedSignature knock = OutboundRig.verified(sent.get(0));
        assertThat(knock.style()).isEqualTo(SignatureStyle.RFC9421);
        assertThat(knock.components()).contains("@method", "@target-uri", "@authority", "content-digest", "content-type");
        ParsedSignature retry = OutboundRig.verified(sent.get(1));
        assertThat(retry.style()).isEqualTo(SignatureStyle.CAVAGE);
        assertThat(retry.components()).containsExactly("(request-target)", "host", "date", "digest", "content-type");
        assertThat(styles.known(cavageOrigin())).contains(SignatureStyle.CAVAGE);

        PostResult second = poster.post(inbox, FOLLOW, ALICE).await();

        assertThat(second.status()).isEqualTo(202);
        assertThat(second.style()).isEqualTo(SignatureStyle.CAVAGE);
        assertThat(second.attempts()).isEqualTo(1);
        sent = received("/users/bob/inbox");
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).containsHeader("Signature-Input")).isFalse();
        assertThat(OutboundRig.verified(sent.get(2)).style()).isEqualTo(SignatureStyle.CAVAGE);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403})
    void badRequestAndForbiddenAlsoTriggerTheCavageRetry(int status) {
        cavageOnlyInbox("/inbox", status);
        PostResult r = poster().post(rig.base("localhost") + "/inbox", FOLLOW, ALICE).await();
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(styles.known(cavageOrigin())).contains(SignatureStyle.CAVAGE);
    }

    @Test
    void hostThatAcceptsRfc9421KeepsIt() {
        rig.wm.stubFor(post("/inbox").willReturn(aResponse().withStatus(202)));
        SignedPoster poster = poster();
        String inbox = rig.base("127.0.0.1") + "/inbox";

        PostResult first = poster.post(inbox, FOLLOW, ALICE).await();
        PostResult second = poster.post(inbox, FOLLOW, ALICE).await();

        for (PostResult r : List.of(first, second)) {
            assertThat(r.status()).isEqualTo(202);
            assertThat(r.style()).isEqualTo(SignatureStyle.RFC9421);
            assertThat(r.attempts()).isEqualTo(1);
        }
        List<LoggedRequest> sent = received("/inbox");
        assertThat(sent).hasSize(2);
        for (LoggedRequest r : sent) {
            assertThat(OutboundRig.verified(r).style()).isEqualTo(SignatureStyle.RFC9421);
            assertThat(r.getHeader("Content-Type")).isEqualTo("application/activity+json");
            assertThat(r.getHeader("User-Agent")).isEqualTo(OutboundRig.UA);
            assertThat(r.getBody()).isEqualTo(FOLLOW);
        }
        assertThat(styles.known("127.0.0.1:" + rig.wm.port())).contains(SignatureStyle.RFC9421);
    }

    @Test
    void knownRfc9421HostThatStartsRefusingIsRelearnedAsCavage() {
        styles.remember(cavageOrigin(), SignatureStyle.RFC9421);
        cavageOnlyInbox("/inbox", 401);
        PostResult r = poster().post(rig.base("localhost") + "/inbox", FOLLOW, ALICE).await();
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.status()).isEqualTo(202);
        assertThat(styles.known(cavageOrigin())).contains(SignatureStyle.CAVAGE);
    }

    @Test
    void whenBothStylesAreRefusedNothingIsLearned() {
        rig.wm.stubFor(post("/inbox").willReturn(aResponse().withStatus(401)));
        SignedPoster poster = poster();
        PostResult r = poster.post(rig.base("localhost") + "/inbox", FOLLOW, ALICE).await();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.delivered()).isFalse();
        assertThat(styles.known(cavageOrigin())).isEmpty();
        poster.post(rig.base("localhost") + "/inbox", FOLLOW, ALICE).await();
        assertThat(received("/inbox")).hasSize(4);
    }

    @Test
    void otherFailuresAreReportedWithoutARetryOrLesson() {
        rig.wm.stubFor(post("/inbox").willReturn(aResponse().withStatus(500)));
        PostResult r = poster().post(rig.base("localhost") + "/inbox", FOLLOW, ALICE).await();
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.retryable()).isTrue();
        assertThat(received("/inbox")).hasSize(1);
        assertThat(styles.known(cavageOrigin())).isEmpty();
    }

    @Test
    void goneInboxIsReportedAsGone() {
        rig.wm.stubFor(post("/inbox").willReturn(aResponse().withStatus(410)));
        PostResult r = poster().post(rig.base("localhost") + "/inbox", FOLLOW, ALICE).await();
        assertThat(r.gone()).isTrue();
        assertThat(r.retryable()).isFalse();
    }

    @Test
    void retryAfterInSecondsOrAsADateIsReturned() {
        rig.wm.stubFor(post("/busy").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        rig.wm.stubFor(post("/down").willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "Sun, 06 Nov 2044 08:49:37 GMT")));
        SignedPoster poster = poster();

        PostResult busy = poster.post(rig.base("localhost") + "/busy", FOLLOW, ALICE).await();
        assertThat(busy.retryable()).isTrue();
        assertThat(busy.retryAfter()).contains(NOW.plusSeconds(120));

        PostResult down = poster.post(rig.base("localhost") + "/down", FOLLOW, ALICE).await();
        assertThat(down.retryAfter()).contains(NOW.plus(RetryAfter.MAX)); // capped: far-future dates park nothing
    }

    @Test
    void largeAnswerBodyIsDroppedButTheStatusKept() {
        rig.wm.stubFor(post("/inbox").willReturn(aResponse().withStatus(202).withBody(new byte[3 * 1024 * 1024])));
        PostResult r = poster().post(rig.base("localhost") + "/inbox", FOLLOW, ALICE).await();
        assertThat(r.delivered()).isTrue();
    }

    @Test
    void guardAndSchemeRulesApplyToDeliveries() {
        SignedPoster production = poster(OutboundPolicy.production());
        FetchException refused = OutboundRig.fetchFailure(production.post("https://10.0.0.1/inbox", FOLLOW, ALICE));
        assertThat(refused.reason()).isEqualTo(FetchException.Reason.REFUSED_ADDRESS);
        FetchException loopback = OutboundRig.fetchFailure(
                production.post("https://localhost:" + rig.wm.port() + "/inbox", FOLLOW, ALICE));
        assertThat(loopback.reason()).isEqualTo(FetchException.Reason.REFUSED_ADDRESS);
        FetchException http = OutboundRig.fetchFailure(production.post("http://remote.test/inbox", FOLLOW, ALICE));
        assertThat(http.reason()).isEqualTo(FetchException.Reason.NOT_HTTPS);
        FetchException invalid = OutboundRig.fetchFailure(production.post("not a url", FOLLOW, ALICE));
        assertThat(invalid.reason()).isEqualTo(FetchException.Reason.INVALID_URL);
        assertThat(rig.wm.getAllServeEvents()).isEmpty();
    }
}
