package social.chorus.federation.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static social.chorus.schema.Tables.DELIVERY;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import social.chorus.app.config.ChorusConfig.Registrations;
import social.chorus.federation.deref.Outbound;
import social.chorus.federation.deref.OutboundPolicy;
import social.chorus.federation.deref.OutboundRig;
import social.chorus.federation.sig.Keys;
import social.chorus.model.LocalIds;
import social.chorus.process.account.AccountService;
import social.chorus.process.account.PasswordHasher;
import social.chorus.process.account.SignUp;
import social.chorus.schema.tables.records.DeliveryRecord;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Database;
import social.chorus.storage.Db;
import social.chorus.storage.DeliveryRepository;
import social.chorus.storage.Migrations;
import social.chorus.storage.RemoteHostRepository;
import social.chorus.testing.TestDatabase;

/**
 * One test database, a sender account with keys, a WireMock inbox on loopback, and "nodes": each
 * node is what one Chorus process has (its own Vert.x, connection pool and HTTP client) over the
 * shared database.
 */
final class DeliveryRig implements AutoCloseable {
    /** Jitter fixed at the middle of its range, so the schedule is exact. */
    static final Random HALF = new Random() {
        private static final long serialVersionUID = 1L;

        @Override
        public double nextDouble() {
            return 0.5;
        }
    };

    /**
     * Far beyond any loopback answer, even on a loaded machine. No test here is about the timeout,
     * and under a clock the test holds still a send that timed out is retried at a time that never
     * comes: the job would stay pending for good and the test fail for a slow moment, not a bug.
     */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    /** One process's worth of Vert.x, pool, HTTP client and repositories. */
    static final class Node implements AutoCloseable {
        final Vertx vertx = Vertx.vertx();
        final Database database;
        final Db db;
        final Outbound outbound;
        final Clock clock;
        final DeliveryRepository deliveries;
        final RemoteHostRepository hosts;
        final UnavailableHosts unavailable;

        Node(TestDatabase tdb, Clock clock) {
            this.clock = clock;
            this.database = Database.open(tdb.config());
            this.db = new Db(vertx, database, 4);
            // Loopback inboxes and plain http: the development policy allows private addresses.
            this.outbound = Outbound.create(vertx, OutboundPolicy.development(), OutboundRig.options(SEND_TIMEOUT),
                    clock);
            this.deliveries = new DeliveryRepository(clock);
            this.hosts = new RemoteHostRepository(clock);
            this.unavailable = new UnavailableHosts(vertx, db, hosts, Duration.ofMinutes(1));
        }

        DeliveryWorker worker(DeliveryWorker.Options options) {
            return new DeliveryWorker(vertx, db, deliveries, hosts, unavailable, new AccountRepository(clock),
                    new SignedPoster(outbound.http(), InMemorySignatureStyles.withDefaults(clock), clock), clock, HALF,
                    options);
        }

        private boolean closed;

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            outbound.close();
            db.close();
            database.close();
            vertx.close().await();
        }
    }

    final TestDatabase tdb;
    final Node node;
    final WireMockServer wm = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .containerThreads(40));
    final long senderId;
    private final List<Node> extra = new ArrayList<>();

    DeliveryRig(TestDatabase.Kind kind, Clock clock) {
        this.tdb = TestDatabase.create(kind);
        this.node = new Node(tdb, clock);
        new Migrations(node.database).migrate();
        AccountService accounts = new AccountService(node.vertx, node.db, new AccountRepository(clock),
                new PasswordHasher(new PasswordHasher.Cost(1024, 1, 1), new SecureRandom()), new Keys(),
                new LocalIds("https://chorus.example"), Registrations.OPEN);
        this.senderId = accounts.signUp(new SignUp("alice", "alice@example.org", "long enough password", "", "",
                SignUp.Role.USER, SignUp.Origin.OPERATOR)).await().id();
        wm.start();
        wm.stubFor(post("/inbox").willReturn(aResponse().withStatus(202)));
    }

    /** A second process over the same database. */
    Node anotherNode(Clock clock) {
        Node n = new Node(tdb, clock);
        extra.add(n);
        return n;
    }

    String inbox() {
        return "http://127.0.0.1:" + wm.port() + "/inbox";
    }

    /** Queues {@code count} distinct activities for {@code inbox}; their ids in order. */
    List<String> enqueue(int count, String inbox) {
        return node.db.tx(dsl -> {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = "https://chorus.example/activities/" + java.util.UUID.randomUUID();
                String payload = new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
                        .put("id", id).put("type", "Create").put("actor", "https://chorus.example/users/alice")
                        .encode();
                node.deliveries.insert(dsl, senderId, inbox, id, payload);
                ids.add(id);
            }
            return ids;
        }).await();
    }

    DeliveryRecord job(String activityId) {
        return node.db.read(dsl -> dsl.selectFrom(DELIVERY).where(DELIVERY.ACTIVITY_URI.eq(activityId))
                .fetchSingle()).await();
    }

    /** The jobs not yet done, each with what the queue says of it ("state, attempts, due, lease, error"). */
    List<String> unfinished() {
        return node.db.read(dsl -> dsl.selectFrom(DELIVERY).where(DELIVERY.STATE.ne("done")).orderBy(DELIVERY.ID)
                .fetch(r -> r.getInboxUrl() + ": " + r.getState() + ", attempts " + r.getAttempts() + ", due "
                        + r.getNextAttemptAt() + ", leased until " + r.getClaimedUntil() + ", last "
                        + r.getLastStatus() + " " + r.getLastError())).await();
    }

    static Instant instant(java.time.LocalDateTime dbTime) {
        return dbTime.toInstant(ZoneOffset.UTC);
    }

    DeliveryRepository.Stats stats() {
        return node.db.read(node.deliveries::stats).await();
    }

    /** How many POSTs WireMock received per activity id. */
    Map<String, Integer> receivedPerActivity() {
        Map<String, Integer> counts = new HashMap<>();
        for (ServeEvent e : wm.getAllServeEvents()) {
            String id = new JsonObject(e.getRequest().getBodyAsString()).getString("id");
            counts.merge(id, 1, Integer::sum);
        }
        return counts;
    }

    @Override
    public void close() {
        wm.stop();
        extra.forEach(Node::close);
        node.close();
        tdb.close();
    }
}
