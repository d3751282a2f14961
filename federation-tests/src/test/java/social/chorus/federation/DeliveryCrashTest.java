package social.chorus.federation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import social.chorus.federation.rig.Delivery;
import social.chorus.federation.rig.Eventually;
import social.chorus.federation.rig.FakePeer;
import social.chorus.federation.rig.JarProcess;
import social.chorus.federation.rig.LocalInstance;
import social.chorus.federation.rig.LocalInstance.Person;
import social.chorus.federation.rig.PeerActor;
import social.chorus.federation.rig.Platform;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.TestDatabase;
import social.chorus.testing.TestPorts;

/**
 * Durability of the delivery queue across a crash. The real jar on MariaDB posts to followers on
 * four fake servers (two of them slow, so deliveries are in flight) and on a real Chorus behind a
 * proxy that holds the first answer back; the process is killed with SIGKILL mid-send and started
 * again on the same database with a short claim lease. Every inbox ends up with every activity,
 * and the real Chorus, which got one activity twice, stores it once.
 */
@Timeout(240)
class DeliveryCrashTest {
    private static final int POSTS = 3;
    /** Longer than it takes to kill the sender, shorter than its 10 s request timeout. */
    private static final Duration SLOW = Duration.ofSeconds(8);
    private static final Duration AFTER_RESTART = Duration.ofSeconds(90);

    @Test
    void killedMidSendTheRestartedSenderDeliversEverythingAndADuplicateChangesNothing() throws Exception {
        Path jar = JarProcess.chorusJar();
        List<FakePeer> peers = new ArrayList<>();
        WireMockServer proxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .preserveHostHeader(true).containerThreads(16).notifier(new Slf4jNotifier(false)));
        proxy.start();
        try (TestDatabase db = TestDatabase.mariadb();
                // The receiver's public domain is the proxy's: every request for it passes the proxy.
                LocalInstance receiver = LocalInstance.start(TestDatabase.Kind.H2,
                        Map.of("CHORUS_DOMAIN", "localhost:" + proxy.port()))) {
            proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse()
                    .proxiedFrom("http://127.0.0.1:" + receiver.httpPort())));
            for (int i = 0; i < 4; i++) {
                peers.add(FakePeer.start(Platform.MASTODON));
            }
            Person bob = receiver.signUp("bob");
            int port = TestPorts.free();
            Map<String, String> env = new HashMap<>(JarProcess.serverEnv(port, db.env()));
            env.put("CHORUS_ALLOW_PRIVATE_ADDRESSES", "true"); // every peer is on loopback
            env.put("CHORUS_REGISTRATIONS", "open");
            env.put("CHORUS_DELIVERY_LEASE_SECONDS", "5");
            ApiTestClient senderApi = new ApiTestClient("http://localhost:" + port);

            JarProcess first = JarProcess.start(jar, env);
            List<String> statusUris;
            Date killedAt;
            try {
                assertThat(first.awaitHealthy(Duration.ofSeconds(60)).status()).as(first.output()).isEqualTo(200);
                String aliceToken = signUp(senderApi, "alice");
                JsonObject alice = senderApi.send(HttpRequest.newBuilder(senderApi.uri("/users/alice"))
                        .header("Accept", "application/activity+json")).json();

                for (FakePeer peer : peers) {
                    PeerActor follower = peer.addPerson("fan");
                    assertThat(peer.send(follower, alice, peer.dialect().follow(follower, alice.getString("id"))))
                            .isEqualTo(202);
                    peer.awaitDelivery("the Accept", d -> "Accept".equals(d.type()));
                }
                String aliceOnReceiver = bob.resolve("alice@localhost:" + port);
                assertThat(bob.post("/api/v1/accounts/" + aliceOnReceiver + "/follow").status()).isEqualTo(200);
                Eventually.until("bob's follow is accepted",
                        () -> bob.relationship(aliceOnReceiver).getBoolean("following"));

                // From now on two servers are slow, and the receiver's answer to the first Create is held back.
                peers.get(0).slowInboxes(SLOW);
                peers.get(1).slowInboxes(SLOW);
                proxy.stubFor(post(urlEqualTo("/inbox")).atPriority(1).inScenario("crash")
                        .whenScenarioStateIs(STARTED).willSetStateTo("held once")
                        .withRequestBody(matchingJsonPath("$.type", equalTo("Create")))
                        .willReturn(aResponse().proxiedFrom("http://127.0.0.1:" + receiver.httpPort())
                                .withFixedDelay((int) SLOW.toMillis())));

                statusUris = new ArrayList<>();
                for (int i = 0; i < POSTS; i++) {
                    Response r = senderApi.postForm("/api/v1/statuses", Map.of("status", "post " + i,
                            "visibility", "public"), aliceToken);
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                    statusUris.add(r.json().getString("uri"));
                }
                try {
                    Eventually.until("every post is in flight to both slow servers and one to the receiver",
                            () -> postsSoFar(peers.get(0)) == POSTS && postsSoFar(peers.get(1)) == POSTS
                                    && held(proxy).size() == 1);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + ": slow servers got " + postsSoFar(peers.get(0))
                            + " and " + postsSoFar(peers.get(1)) + " of the posts, the receiver "
                            + createsAtProxy(proxy) + "\n" + first.output(), e);
                }
                killedAt = new Date();
                assertThat(first.kill()).as("exit code of a SIGKILLed JVM").isEqualTo(128 + 9);
            } finally {
                first.close();
            }

            try (JarProcess second = JarProcess.start(jar, env)) {
                assertThat(second.awaitHealthy(Duration.ofSeconds(60)).status()).as(second.output()).isEqualTo(200);
                for (FakePeer peer : peers) {
                    Eventually.until("every post reaches " + peer.origin(), AFTER_RESTART,
                            () -> statusUris.stream().allMatch(uri -> !creates(peer, uri).isEmpty()));
                }
                // The deliveries that were in flight when the process died were sent again, not lost.
                for (FakePeer slow : peers.subList(0, 2)) {
                    Eventually.until("the in-flight posts reach " + slow.origin() + " after the restart",
                            AFTER_RESTART, () -> statusUris.stream().allMatch(uri -> creates(slow, uri).stream()
                                    .anyMatch(d -> d.request().getLoggedDate().after(killedAt))));
                }
                String held = held(proxy).get(0);
                Eventually.until("the held Create reaches the receiver a second time", AFTER_RESTART,
                        () -> createsAtProxy(proxy).stream().filter(held::equals).count() >= 2);
                Eventually.until("every post reaches the receiver", AFTER_RESTART,
                        () -> statusUris.stream().allMatch(uri -> homeCount(bob, uri) >= 1));
                assertThat(second.isAlive()).as(second.output()).isTrue();
            }
            // The receiver took the duplicate and stored nothing twice: each post once, nothing else.
            JsonArray home = timeline(bob);
            for (String uri : statusUris) {
                assertThat(homeCount(bob, uri)).as("copies of %s on the receiver: %s", uri, home).isEqualTo(1);
            }
            assertThat(home.size()).isEqualTo(POSTS);
        } finally {
            peers.forEach(FakePeer::close);
            proxy.stop();
        }
    }

    private static String signUp(ApiTestClient api, String username) {
        JsonObject app = api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow");
        Response registered = api.registerAccount(api.appToken(app, "read write follow"), username,
                "a long enough password");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        return registered.json().getString("access_token");
    }

    /**
     * How many distinct posts {@code peer} has been sent a Create of, answered or not. Distinct:
     * the 5 s claim lease is shorter than a slow server's answer, so a loaded machine may see a
     * post sent a second time before the kill, which at-least-once delivery allows.
     */
    private static long postsSoFar(FakePeer peer) {
        return peer.inboxPostsSoFar().stream().filter(a -> "Create".equals(a.getString("type")))
                .map(a -> a.getString("id")).distinct().count();
    }

    /** The Creates of the post {@code uri} that {@code peer} took with a 2xx. */
    private static List<Delivery> creates(FakePeer peer, String uri) {
        return peer.deliveries("Create").stream().filter(d -> uri.equals(d.embedded().getString("id"))).toList();
    }

    /** The ids of the Creates posted to the receiver's shared inbox. */
    private static List<String> createsAtProxy(WireMockServer proxy) {
        return createsAtProxy(proxy, false);
    }

    /** The id of the Create whose answer the proxy held back, once it arrived. */
    private static List<String> held(WireMockServer proxy) {
        return createsAtProxy(proxy, true);
    }

    private static List<String> createsAtProxy(WireMockServer proxy, boolean heldOnly) {
        List<String> ids = new ArrayList<>();
        proxy.getAllServeEvents().forEach(e -> {
            boolean wasHeld = e.getStubMapping() != null && "crash".equals(e.getStubMapping().getScenarioName());
            if ("POST".equals(e.getRequest().getMethod().getName()) && e.getRequest().getUrl().equals("/inbox")
                    && (wasHeld || !heldOnly)) {
                JsonObject a = new JsonObject(e.getRequest().getBodyAsString());
                if ("Create".equals(a.getString("type"))) {
                    ids.add(0, a.getString("id"));
                }
            }
        });
        return ids;
    }

    private static JsonArray timeline(Person person) {
        Response r = person.get("/api/v1/timelines/home?limit=40");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new JsonArray(r.body());
    }

    /** How often the post {@code uri} shows in {@code person}'s home timeline. */
    private static long homeCount(Person person, String uri) {
        return timeline(person).stream().filter(s -> uri.equals(((JsonObject) s).getString("uri"))).count();
    }
}
