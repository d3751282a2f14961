package social.chorus.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.schema.Tables.ACCOUNT;
import static social.chorus.schema.Tables.DELIVERY;
import static social.chorus.schema.Tables.FOLLOW;
import static social.chorus.schema.Tables.RECEIVED_ACTIVITY;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.app.Chorus;
import social.chorus.process.account.SignUp;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.RemoteActors;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * With the SSRF guard on ({@code CHORUS_ALLOW_PRIVATE_ADDRESSES=false}, the default), nothing a
 * client or a remote server sends makes the instance connect to loopback or link-local
 * addresses: resolving searches come back empty at once, and a signed delivery whose keyId
 * points at such an address is refused with 401. A listener on 127.0.0.1 counts every TCP
 * connection that would have reached it.
 */
@Timeout(120)
class SsrfGuardTest {
    /** Counts connections to a loopback port; a guard that works leaves it at zero. */
    private static final class Trap implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger connections = new AtomicInteger();

        Trap() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "ssrf-trap");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static List<Integer> counts(Chorus chorus) {
        return chorus.services().db().read(dsl -> List.of(dsl.fetchCount(FOLLOW), dsl.fetchCount(RECEIVED_ACTIVITY),
                dsl.fetchCount(DELIVERY), dsl.fetchCount(ACCOUNT, ACCOUNT.DOMAIN.ne("")))).await();
    }

    /** A signed-in person's token: only they may make a search resolve over the network. */
    private static String personToken(ApiTestClient api) {
        JsonObject app = api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow");
        Response signedUp = api.registerAccount(api.appToken(app, "read write follow"), "alice",
                "a long enough password");
        assertThat(signedUp.status()).as(signedUp.body()).isEqualTo(200);
        String token = signedUp.json().getString("access_token");
        assertThat(api.get("/api/v1/accounts/verify_credentials", token).status()).isEqualTo(200);
        return token;
    }

    private static Response search(ApiTestClient api, String token, String q) {
        return api.get("/api/v2/search?type=accounts&resolve=true&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
                token);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void searchesAndKeyIdsNeverReachPrivateAddresses(TestDatabase.Kind kind) throws IOException {
        try (TestDatabase db = TestDatabase.create(kind); Trap trap = new Trap(); RemoteActors remote = new RemoteActors()) {
            String bob = remote.actor("bob"); // a real actor with a real key, but on 127.0.0.1
            String wm = "127.0.0.1:" + remote.wm.port();
            Chorus chorus = Chorus.start(TestConfig.of(db, Map.of("CHORUS_REGISTRATIONS", "open")));
            try {
                assertThat(chorus.config().allowPrivateAddresses()).isFalse();
                ApiTestClient api = new ApiTestClient(chorus);
                String token = personToken(api);
                String alice = chorus.services().accounts().findLocal("alice").await().orElseThrow().uri();
                List<Integer> before = counts(chorus);

                int port = trap.port();
                for (String q : List.of("@bob@" + wm, bob, "@x@127.0.0.1:" + port, "x@localhost:" + port,
                        "http://127.0.0.1:" + port + "/users/x", "https://127.0.0.1:" + port + "/users/x",
                        "http://[::1]:" + port + "/users/x", "http://169.254.169.254/latest/meta-data/",
                        "https://169.254.169.254/users/x", "@x@169.254.169.254", "https://10.0.0.1/users/x")) {
                    long start = System.nanoTime();
                    Response r = search(api, token, q);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertThat(r.status()).as(q + ": " + r.body()).isEqualTo(200);
                    assertThat(r.json().getJsonArray("accounts")).as(q).isEmpty();
                    // refused before connecting: no 10 s connect timeout to a black-holed address (the
                    // bound is an HTTP round trip through the server, with room for a loaded machine)
                    assertThat(millis).as(q + " took " + millis + " ms").isLessThan(6000);
                }

                // deliveries signed with keys that live on private addresses, bob's genuine one included
                for (String actor : List.of(bob, "http://127.0.0.1:" + port + "/users/eve",
                        "https://127.0.0.1:" + port + "/users/eve", "https://169.254.169.254/users/eve")) {
                    String body = HostileInboxTest.follow(actor, actor + "/follows/1", alice);
                    long start = System.nanoTime();
                    Response r = api.send(RemoteActors.signedPost(api.uri("/inbox"), body, RemoteActors.key(actor),
                            Clock.systemUTC()));
                    assertThat(r.status()).as(actor + ": " + r.body()).isEqualTo(401);
                    assertThat(r.json().getString("error")).contains("could not fetch the signing key");
                    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(6000);
                }

                assertThat(trap.connections.get()).as("connections to 127.0.0.1:" + port).isZero();
                assertThat(remote.wm.getAllServeEvents()).as("requests to " + wm).isEmpty();
                assertThat(counts(chorus)).isEqualTo(before).isEqualTo(List.of(0, 0, 0, 0));
            } finally {
                chorus.stop();
            }
            assertTheSameSearchResolvesWithoutTheGuard(kind, remote, "@bob@" + wm);
        }
    }

    /** The control: the very query the guard refused does reach the server when private addresses are allowed. */
    private static void assertTheSameSearchResolvesWithoutTheGuard(TestDatabase.Kind kind, RemoteActors remote,
            String q) {
        try (TestDatabase db = TestDatabase.create(kind)) {
            Chorus dev = Chorus.start(TestConfig.of(db, Map.of("CHORUS_REGISTRATIONS", "open",
                    "CHORUS_ALLOW_PRIVATE_ADDRESSES", "true")));
            try {
                ApiTestClient api = new ApiTestClient(dev);
                Response r = search(api, personToken(api), q);
                assertThat(r.json().getJsonArray("accounts")).as(r.body()).hasSize(1);
                assertThat(remote.requestsTo("/users/bob")).isPositive();
            } finally {
                dev.stop();
            }
        }
    }
}
