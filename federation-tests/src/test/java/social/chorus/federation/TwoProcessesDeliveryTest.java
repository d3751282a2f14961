package social.chorus.federation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.chorus.federation.rig.Eventually;
import social.chorus.federation.rig.JarProcess;
import social.chorus.storage.Database;
import social.chorus.storage.Db;
import social.chorus.storage.DeliveryRepository;
import social.chorus.testing.TestDatabase;
import social.chorus.testing.TestPorts;

/**
 * Two Chorus processes (the real jar, twice) on one MariaDB database share its delivery queue:
 * 200 activities queued at once reach a WireMock inbox exactly once each.
 */
class TwoProcessesDeliveryTest {
    private static final int JOBS = 200;

    @TempDir
    Path dir;

    @Test
    void twoProcessesOnOneMariaDbDrainOneQueueWithoutADoubleSend() throws Exception {
        Path jar = JarProcess.chorusJar();
        WireMockServer inbox = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(40));
        inbox.start();
        // A little latency, so both processes are busy at the same time.
        inbox.stubFor(post("/inbox").willReturn(aResponse().withStatus(202).withFixedDelay(20)));
        try (TestDatabase db = TestDatabase.mariadb()) {
            Map<String, String> base = new HashMap<>(db.env());
            base.put("CHORUS_DOMAIN", "chorus.example");
            base.put("CHORUS_ALLOW_PRIVATE_ADDRESSES", "true"); // the inbox is on loopback
            long sender = createSender(jar, base);

            List<JarProcess> processes = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    JarProcess p = JarProcess.start(jar, JarProcess.serverEnv(TestPorts.free(), base));
                    processes.add(p);
                    assertThat(p.awaitHealthy(Duration.ofSeconds(60)).status()).as(p.output()).isEqualTo(200);
                }
                List<String> ids = enqueue(db, sender, "http://127.0.0.1:" + inbox.port() + "/inbox");

                Eventually.until("every activity delivered", () -> received(inbox).size() == JOBS);
                // Anything sent twice would arrive within the next poll or two.
                Eventually.stays("no activity delivered twice", Duration.ofSeconds(3),
                        () -> inbox.getAllServeEvents().size() == JOBS);
                assertThat(received(inbox)).containsOnlyKeys(ids).allSatisfy((id, n) -> assertThat(n).as(id)
                        .isEqualTo(1));
                for (JarProcess p : processes) {
                    assertThat(p.isAlive()).as(p.output()).isTrue();
                }
            } finally {
                for (JarProcess p : processes) {
                    p.close();
                }
            }
        } finally {
            inbox.stop();
        }
    }

    private long createSender(Path jar, Map<String, String> env) throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "a long enough password\n");
        try (JarProcess create = JarProcess.start(jar, env, "admin", "account", "create", "--username", "alice",
                "--email", "alice@chorus.example", "--password-file", pw.toString())) {
            assertThat(create.awaitExit(Duration.ofSeconds(60))).as(create.output()).isZero();
            return Long.parseLong(create.stdout().replaceAll("(?s).*\\(id (\\d+)\\).*", "$1"));
        }
    }

    /** Queues the activities in one transaction, as a post to many followers would. */
    private static List<String> enqueue(TestDatabase db, long sender, String inboxUrl) {
        Vertx vertx = Vertx.vertx();
        try (Database database = Database.open(db.config()); Db pool = new Db(vertx, database, 2)) {
            DeliveryRepository deliveries = new DeliveryRepository(Clock.systemUTC());
            return pool.tx(dsl -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < JOBS; i++) {
                    String id = "https://chorus.example/activities/" + i;
                    deliveries.insert(dsl, sender, inboxUrl, id, new JsonObject().put("id", id)
                            .put("type", "Create").put("actor", "https://chorus.example/users/alice").encode());
                    ids.add(id);
                }
                return ids;
            }).await();
        } finally {
            vertx.close().await();
        }
    }

    private static Map<String, Integer> received(WireMockServer inbox) {
        Map<String, Integer> counts = new HashMap<>();
        for (ServeEvent e : inbox.getAllServeEvents()) {
            counts.merge(new JsonObject(e.getRequest().getBodyAsString()).getString("id"), 1, Integer::sum);
        }
        return counts;
    }
}
