package social.chorus.federation.deref;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.deref.OutboundRig.fetchFailure;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import social.chorus.federation.sig.ParsedSignature;
import social.chorus.federation.sig.SignatureStyle;

class HttpFetcherTest {
    private static final String ACTOR = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"type\":\"Person\"}";
    private static final String AS = "application/activity+json; charset=utf-8";

    private final OutboundRig rig = new OutboundRig();

    @AfterEach
    void close() {
        rig.close();
    }

    private void stubActor(String path) {
        rig.wm.stubFor(get(path).willReturn(aResponse().withStatus(200).withHeader("Content-Type", AS).withBody(ACTOR)));
    }

    @Test
    void fetchesWithActivityAcceptUserAgentAndAValidCavageSignature() {
        stubActor("/users/alice?page=1");
        Outbound out = rig.devOutbound();
        FetchRequest req = FetchRequest.activity(rig.base() + "/users/alice?page=1")
                .signedBy(OutboundRig.signingKey("https://chorus.test/actor#main-key"));

        FetchResponse resp = out.fetcher().get(req).await();

        assertThat(resp.status()).isEqualTo(200);
        assertThat(new String(resp.bytes(), StandardCharsets.UTF_8)).isEqualTo(ACTOR);
        assertThat(resp.redirects()).isZero();
        LoggedRequest sent = rig.wm.findAll(getRequestedFor(urlEqualTo("/users/alice?page=1"))).get(0);
        assertThat(sent.getHeader("Accept"))
                .isEqualTo("application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"");
        assertThat(sent.getHeader("User-Agent")).isEqualTo(OutboundRig.UA);
        assertThat(sent.getHeaders().getHeader("Host").values()).containsExactly("localhost:" + rig.wm.port());
        ParsedSignature sig = OutboundRig.verified(sent);
        assertThat(sig.style()).isEqualTo(SignatureStyle.CAVAGE);
        assertThat(sig.keyId()).isEqualTo("https://chorus.test/actor#main-key");
        assertThat(sig.components()).containsExactly("(request-target)", "host", "date");
    }

    @Test
    void unsignedFetchSendsNoSignature() {
        stubActor("/users/bob");
        rig.devOutbound().fetcher().get(FetchRequest.activity(rig.base() + "/users/bob")).await();
        LoggedRequest sent = rig.wm.findAll(getRequestedFor(urlEqualTo("/users/bob"))).get(0);
        assertThat(sent.containsHeader("Signature")).isFalse();
    }

    @Test
    void ldJsonWithTheActivityStreamsProfileIsAccepted() {
        rig.wm.stubFor(get("/ld").willReturn(aResponse().withHeader("Content-Type",
                "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"").withBody(ACTOR)));
        assertThat(rig.devOutbound().fetcher().get(FetchRequest.activity(rig.base() + "/ld")).await().status())
                .isEqualTo(200);
    }

    @Test
    void plainJsonOrHtmlIsRefusedAsBadContentType() {
        // An uploaded .json file on a media host must not pass for an actor of that host
        rig.wm.stubFor(get("/media/x.json").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(ACTOR)));
        rig.wm.stubFor(get("/html").willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("<p>")));
        rig.wm.stubFor(get("/ld-no-profile").willReturn(aResponse().withHeader("Content-Type", "application/ld+json")
                .withBody(ACTOR)));
        Outbound out = rig.devOutbound();
        for (String path : List.of("/media/x.json", "/html", "/ld-no-profile")) {
            FetchException e = fetchFailure(out.fetcher().get(FetchRequest.activity(rig.base() + path)));
            assertThat(e.reason()).as(path).isEqualTo(FetchException.Reason.BAD_CONTENT_TYPE);
        }
    }

    @Test
    void nonSuccessStatusIsTypedWithItsCode() {
        rig.wm.stubFor(get("/gone").willReturn(aResponse().withStatus(410)));
        rig.wm.stubFor(get("/busy").willReturn(aResponse().withStatus(503)));
        Outbound out = rig.devOutbound();

        FetchException gone = fetchFailure(out.fetcher().get(FetchRequest.activity(rig.base() + "/gone")));
        assertThat(gone.reason()).isEqualTo(FetchException.Reason.HTTP_STATUS);
        assertThat(gone.status()).hasValue(410);
        assertThat(gone.gone()).isTrue();
        assertThat(gone.retryable()).isFalse();

        FetchException busy = fetchFailure(out.fetcher().get(FetchRequest.activity(rig.base() + "/busy")));
        assertThat(busy.status()).hasValue(503);
        assertThat(busy.retryable()).isTrue();
    }

    @Test
    void bodyOverOneMebibyteFailsAsTooLarge() {
        byte[] big = new byte[2 * OutboundOptions.ONE_MIB];
        Arrays.fill(big, (byte) ' ');
        rig.wm.stubFor(get("/big").willReturn(aResponse().withHeader("Content-Type", AS).withBody(big)));
        FetchException e = fetchFailure(rig.devOutbound().fetcher().get(FetchRequest.activity(rig.base() + "/big")));
        assertThat(e.reason()).isEqualTo(FetchException.Reason.TOO_LARGE);
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void bodyExactlyAtTheLimitIsAccepted() {
        byte[] body = new byte[1000];
        Arrays.fill(body, (byte) ' ');
        rig.wm.stubFor(get("/exact").willReturn(aResponse().withHeader("Content-Type", AS).withBody(body)));
        Outbound out = rig.outbound(OutboundPolicy.development(),
                OutboundRig.options(Duration.ofSeconds(5)).withMaxBodyBytes(1000));
        assertThat(out.fetcher().get(FetchRequest.activity(rig.base() + "/exact")).await().bytes()).hasSize(1000);
    }

    @Test
    void slowServerFailsAsTimeoutWithinTheLimit() {
        rig.wm.stubFor(get("/slow").willReturn(aResponse().withHeader("Content-Type", AS).withBody(ACTOR)
                .withFixedDelay(10_000)));
        Outbound out = rig.outbound(OutboundPolicy.development(), OutboundRig.options(Duration.ofMillis(300)));
        long start = System.nanoTime();
        FetchException e = fetchFailure(out.fetcher().get(FetchRequest.activity(rig.base() + "/slow")));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(e.reason()).isEqualTo(FetchException.Reason.TIMEOUT);
        assertThat(e.retryable()).isTrue();
        // Ended by the 300 ms limit, long before the answer: the bound leaves room for a loaded machine.
        assertThat(ms).isLessThan(5000);
    }

    private void redirectChain(int hops) {
        for (int i = 1; i <= hops; i++) {
            String next = i == hops ? "/final" : "/r" + (i + 1);
            // alternate absolute and relative Locations: both are resolved against the current URL
            String location = i % 2 == 0 ? next : rig.base() + next;
            rig.wm.stubFor(get("/r" + i).willReturn(aResponse().withStatus(i % 2 == 0 ? 301 : 302)
                    .withHeader("Location", location)));
        }
        stubActor("/final");
    }

    @Test
    void threeRedirectsAreFollowedAndEachHopIsSignedAfresh() {
        redirectChain(3);
        FetchResponse resp = rig.devOutbound().fetcher().get(FetchRequest.activity(rig.base() + "/r1")
                .signedBy(OutboundRig.signingKey("https://chorus.test/actor#main-key"))).await();
        assertThat(resp.redirects()).isEqualTo(3);
        assertThat(resp.finalUrl().uri().getPath()).isEqualTo("/final");
        assertThat(resp.requested().uri().getPath()).isEqualTo("/r1");
        OutboundRig.verified(rig.wm.findAll(getRequestedFor(urlEqualTo("/final"))).get(0));
        OutboundRig.verified(rig.wm.findAll(getRequestedFor(urlEqualTo("/r2"))).get(0));
    }

    @Test
    void fourRedirectsAreTooMany() {
        redirectChain(4);
        FetchException e = fetchFailure(rig.devOutbound().fetcher().get(FetchRequest.activity(rig.base() + "/r1")));
        assertThat(e.reason()).isEqualTo(FetchException.Reason.TOO_MANY_REDIRECTS);
        assertThat(rig.wm.findAll(getRequestedFor(urlEqualTo("/final")))).isEmpty();
    }

    @Test
    void redirectWithoutLocationIsAStatusFailure() {
        rig.wm.stubFor(get("/nowhere").willReturn(aResponse().withStatus(302)));
        FetchException e = fetchFailure(rig.devOutbound().fetcher().get(FetchRequest.activity(rig.base() + "/nowhere")));
        assertThat(e.status()).hasValue(302);
    }

    @Test
    void redirectToARefusedAddressIsRefusedBeforeConnecting() {
        String allowed = rig.base("127.0.0.2");
        rig.wm.stubFor(get("/to-metadata").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));
        rig.wm.stubFor(get("/to-private").willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://10.0.0.1/admin")));
        rig.wm.stubFor(get("/to-loopback").willReturn(aResponse().withStatus(301)
                .withHeader("Location", rig.base("127.0.0.1") + "/secret")));
        rig.wm.stubFor(get("/to-localhost").willReturn(aResponse().withStatus(301)
                .withHeader("Location", rig.base("localhost") + "/secret")));
        stubActor("/secret");
        Outbound out = rig.outbound(OutboundRig.guardOnExcept127_0_0_2(), OutboundRig.options(Duration.ofSeconds(10)));

        for (String path : List.of("/to-metadata", "/to-private", "/to-loopback", "/to-localhost")) {
            long start = System.nanoTime();
            FetchException e = fetchFailure(out.fetcher().get(FetchRequest.activity(allowed + path)));
            assertThat(e.reason()).as(path).isEqualTo(FetchException.Reason.REFUSED_ADDRESS);
            // well inside the 10 s a connection attempt to a black-holed address would wait
            assertThat((System.nanoTime() - start) / 1_000_000).as(path).isLessThan(5000);
        }
        assertThat(rig.wm.findAll(getRequestedFor(urlPathEqualTo("/secret")))).isEmpty();
        // the first hops did reach the test server (through 127.0.0.2): only the redirects were refused
        assertThat(rig.wm.getAllServeEvents()).hasSize(4);
    }

    @Test
    void bodyWithoutLengthIsCutAtTheLimitAndTheConnectionDropped() {
        AtomicBoolean closed = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        Buffer chunk = Buffer.buffer(new byte[16 * 1024]);
        HttpServer endless = rig.vertx.createHttpServer().requestHandler(req -> {
            HttpServerResponse resp = req.response().setChunked(true).putHeader("Content-Type", AS);
            resp.closeHandler(v -> closed.set(true));
            rig.vertx.setPeriodic(1, id -> {
                if (closed.get() || resp.ended()) {
                    rig.vertx.cancelTimer(id);
                } else if (!resp.writeQueueFull()) {
                    resp.write(chunk);
                    written.addAndGet(chunk.length());
                }
            });
        }).listen(0, "127.0.0.1").await();
        Outbound out = rig.outbound(OutboundPolicy.development(),
                OutboundRig.options(Duration.ofSeconds(10)).withMaxBodyBytes(64 * 1024));
        long start = System.nanoTime();

        FetchException e = fetchFailure(out.fetcher().get(
                FetchRequest.activity("http://127.0.0.1:" + endless.actualPort() + "/stream")));

        assertThat(e.reason()).isEqualTo(FetchException.Reason.TOO_LARGE);
        // cut at the limit, not read on until the 10 s timeout
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
        long deadline = System.currentTimeMillis() + 20_000;
        while (!closed.get() && System.currentTimeMillis() < deadline) {
            sleep(10);
        }
        assertThat(closed).as("the client dropped the connection").isTrue();
        assertThat(written.get()).isLessThan(8L * OutboundOptions.ONE_MIB);
        endless.close().await();
    }

    @Test
    void plainHttpIsRefusedOutsideDevelopment() {
        Outbound prod = rig.outbound(OutboundPolicy.production(), OutboundRig.options(Duration.ofSeconds(5)));
        FetchException e = fetchFailure(prod.fetcher().get(FetchRequest.activity("http://example.com/users/a")));
        assertThat(e.reason()).isEqualTo(FetchException.Reason.NOT_HTTPS);
    }

    @Test
    void connectionRefusedIsConnectFailed() {
        try (social.chorus.testing.TestPorts.ClosedPort closed = social.chorus.testing.TestPorts.closed()) {
            FetchException e = fetchFailure(rig.devOutbound().fetcher()
                    .get(FetchRequest.activity("http://127.0.0.1:" + closed.port() + "/x")));
            assertThat(e.reason()).isEqualTo(FetchException.Reason.CONNECT_FAILED);
            assertThat(e.retryable()).isTrue();
        }
    }

    @Test
    void messagesNameTheUrlWithoutItsQuery() {
        rig.wm.stubFor(get(urlPathEqualTo("/private")).willReturn(aResponse().withStatus(403)));
        FetchException e = fetchFailure(rig.devOutbound().fetcher()
                .get(FetchRequest.activity(rig.base() + "/private?token=s3cret")));
        assertThat(e.getMessage()).contains("/private").doesNotContain("s3cret");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
