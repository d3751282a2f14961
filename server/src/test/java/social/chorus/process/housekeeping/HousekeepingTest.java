package social.chorus.process.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.schema.Tables.DELIVERY;
import static social.chorus.schema.Tables.RECEIVED_ACTIVITY;
import static social.chorus.schema.Tables.STATUS_IDEMPOTENCY;
import static social.chorus.schema.Tables.STATUS_TOMBSTONE;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.app.config.ChorusConfig.Retention;
import social.chorus.model.Account;
import social.chorus.model.Visibility;
import social.chorus.process.account.SignUp;
import social.chorus.process.status.NewStatus;
import social.chorus.process.status.StatusServices;
import social.chorus.storage.DeliveryRepository;
import social.chorus.storage.ReceivedActivityRepository;
import social.chorus.storage.TombstoneRepository;
import social.chorus.testing.LocalWorld;
import social.chorus.testing.TestClock;
import social.chorus.testing.TestDatabase;

/** What housekeeping deletes and what it keeps, with real rows and a clock the test moves, on both databases. */
class HousekeepingTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Retention RETENTION = new Retention(Duration.ofHours(24), Duration.ofDays(7),
            Duration.ofDays(14), Duration.ofDays(30));
    private static final String INBOX = "https://remote.example/inbox";

    private Vertx vertx;
    private final TestClock clock = new TestClock(T0);

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private Housekeeping housekeeping(LocalWorld w) {
        return new Housekeeping(vertx, w.db, clock, RETENTION, w.ids.baseUrl());
    }

    private static Account signUp(LocalWorld w, String name) {
        return w.accounts.signUp(new SignUp(name, name + "@example.org", "long enough password", "", "",
                SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
    }

    /** A job queued and tried now, then left pending, finished or scheduled again by {@code end}. */
    private long tried(LocalWorld w, long sender, String activity, String end) {
        DeliveryRepository repo = new DeliveryRepository(clock);
        return w.db.tx(dsl -> {
            long id = repo.insert(dsl, sender, INBOX, activity, "{\"id\":\"" + activity + "\"}");
            assertThat(repo.claimDue(dsl, 1, LEASE)).singleElement().satisfies(j -> assertThat(j.id()).isEqualTo(id));
            switch (end) {
                case "done" -> repo.markDone(dsl, id, 202);
                case "failed" -> repo.markFailed(dsl, id, 404, "refused with HTTP 404");
                case "retry" -> repo.scheduleRetry(dsl, id, clock.instant().plus(Duration.ofHours(1)), 503, "busy");
                default -> { } // in flight: claimed and never finished
            }
            return id;
        }).await();
    }

    private Map<String, String> deliveryStates(LocalWorld w) {
        return w.db.read(dsl -> dsl.select(DELIVERY.ACTIVITY_URI, DELIVERY.STATE).from(DELIVERY).fetchMap(
                DELIVERY.ACTIVITY_URI, DELIVERY.STATE)).await();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void finishedDeliveriesGoAfterTheirRetentionAndPendingOnesNever(TestDatabase.Kind kind) {
        try (LocalWorld w = LocalWorld.open(vertx, kind)) {
            long alice = signUp(w, "alice").id();
            tried(w, alice, "a:done-old", "done");
            tried(w, alice, "a:failed-old", "failed");
            clock.set(T0.plus(Duration.ofHours(23)));
            tried(w, alice, "a:done-recent", "done");
            tried(w, alice, "a:failed-recent", "failed");
            // Pending: waiting for a retry, claimed and never finished, never tried.
            tried(w, alice, "a:retrying", "retry");
            tried(w, alice, "a:in-flight", "");
            w.db.tx(dsl -> new DeliveryRepository(clock).insert(dsl, alice, INBOX, "a:never-tried", "{}")).await();
            Housekeeping hk = housekeeping(w);

            // A day after: the done job of T0 goes; the one of 23 hours later and every failed one stay.
            clock.set(T0.plus(Duration.ofHours(25)));
            Housekeeping.Report first = hk.runOnce(1000).await();
            assertThat(first.of(Housekeeping.DONE_DELIVERIES)).isEqualTo(1);
            assertThat(first.total()).isEqualTo(1);
            assertThat(deliveryStates(w)).doesNotContainKey("a:done-old").containsKeys("a:done-recent",
                    "a:failed-old", "a:failed-recent", "a:retrying", "a:in-flight", "a:never-tried");

            // A week after: the second done job and the failed job of T0 go; the later failure stays.
            clock.set(T0.plus(Duration.ofDays(7)).plus(Duration.ofHours(2)));
            Housekeeping.Report week = hk.runOnce(1000).await();
            assertThat(week.of(Housekeeping.DONE_DELIVERIES)).isEqualTo(1);
            assertThat(week.of(Housekeeping.FAILED_DELIVERIES)).isEqualTo(1);
            assertThat(deliveryStates(w)).containsOnlyKeys("a:failed-recent", "a:retrying", "a:in-flight",
                    "a:never-tried");

            // A year on, pending jobs are still there, whatever their age; a second pass finds nothing.
            clock.set(T0.plus(Duration.ofDays(365)));
            assertThat(hk.runOnce(1000).await().of(Housekeeping.FAILED_DELIVERIES)).isEqualTo(1);
            assertThat(deliveryStates(w)).containsOnly(Map.entry("a:retrying", "pending"),
                    Map.entry("a:in-flight", "pending"), Map.entry("a:never-tried", "pending"));
            assertThat(hk.runOnce(1000).await().total()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void oldActivityIdsAreForgottenAndARecentOneStillDeduplicates(TestDatabase.Kind kind) {
        try (LocalWorld w = LocalWorld.open(vertx, kind)) {
            ReceivedActivityRepository received = new ReceivedActivityRepository(clock);
            String old = "https://remote.example/activities/old";
            String recent = "https://remote.example/activities/recent";
            assertThat(w.db.tx(dsl -> received.markReceived(dsl, old)).await()).isTrue();
            clock.set(T0.plus(Duration.ofDays(13)));
            assertThat(w.db.tx(dsl -> received.markReceived(dsl, recent)).await()).isTrue();

            clock.set(T0.plus(Duration.ofDays(14)).plus(Duration.ofHours(1)));
            assertThat(housekeeping(w).runOnce(1000).await().of(Housekeeping.RECEIVED_ACTIVITIES)).isEqualTo(1);

            assertThat(w.db.tx(dsl -> received.markReceived(dsl, recent)).await()).as("still a duplicate").isFalse();
            assertThat(w.db.tx(dsl -> received.markReceived(dsl, old)).await()).as("forgotten").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void remoteTombstonesGoAfterTheirRetentionAndLocalOnesStay(TestDatabase.Kind kind) {
        try (LocalWorld w = LocalWorld.open(vertx, kind)) {
            Account alice = signUp(w, "alice");
            TombstoneRepository tombstones = new TombstoneRepository(clock);
            String local = w.ids.actor("alice") + "/statuses/1";
            String remote = "https://remote.example/users/bob/statuses/9";
            // Same host name as a prefix, another host: not ours.
            String lookalike = w.ids.baseUrl() + ".evil.example/users/alice/statuses/1";
            String recent = "https://remote.example/users/bob/statuses/10";
            w.db.tx(dsl -> {
                tombstones.record(dsl, local, alice.id(), Visibility.PUBLIC);
                tombstones.record(dsl, remote, null, null);
                tombstones.record(dsl, lookalike, null, null);
                return null;
            }).await();
            clock.set(T0.plus(Duration.ofDays(29)));
            w.db.tx(dsl -> {
                tombstones.record(dsl, recent, null, null);
                return null;
            }).await();

            clock.set(T0.plus(Duration.ofDays(31)));
            assertThat(housekeeping(w).runOnce(1000).await().of(Housekeeping.REMOTE_TOMBSTONES)).isEqualTo(2);
            assertThat(w.db.read(dsl -> dsl.select(STATUS_TOMBSTONE.URI).from(STATUS_TOMBSTONE)
                    .fetch(STATUS_TOMBSTONE.URI)).await()).containsExactlyInAnyOrder(local, recent);

            // Years later the local one still answers for its post (410 Gone at its URL).
            clock.set(T0.plus(Duration.ofDays(3650)));
            housekeeping(w).runOnce(1000).await();
            assertThat(w.db.read(dsl -> tombstones.find(dsl, local)).await()).hasValueSatisfying(
                    t -> assertThat(t.visibility()).isEqualTo(Visibility.PUBLIC));
            assertThat(w.db.read(dsl -> tombstones.find(dsl, recent)).await()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void idempotencyKeysGoOnceTheirHourIsOver(TestDatabase.Kind kind) {
        try (LocalWorld w = LocalWorld.open(vertx, kind)) {
            Account alice = signUp(w, "alice");
            StatusServices statuses = StatusServices.create(w.db, clock, w.ids, "chorus.example", 5000);
            NewStatus first = new NewStatus("first", null, null, null, null, null, null, "key-1");
            NewStatus second = new NewStatus("second", null, null, null, null, null, null, "key-2");
            statuses.posting().create(alice.id(), first).await();
            clock.set(T0.plus(Duration.ofMinutes(30)));
            long secondId = statuses.posting().create(alice.id(), second).await().status().id();

            clock.set(T0.plus(Duration.ofMinutes(61)));
            assertThat(housekeeping(w).runOnce(1000).await().of(Housekeeping.IDEMPOTENCY_KEYS)).isEqualTo(1);
            assertThat(w.db.read(dsl -> dsl.fetchCount(STATUS_IDEMPOTENCY)).await()).isEqualTo(1);
            // The key still in its hour still returns its status.
            assertThat(statuses.posting().create(alice.id(), second).await().status().id()).isEqualTo(secondId);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void moreRowsThanOneChunkAreAllDeleted(TestDatabase.Kind kind) {
        try (LocalWorld w = LocalWorld.open(vertx, kind)) {
            long alice = signUp(w, "alice").id();
            insertReceived(w, 2345, "https://remote.example/activities/" + "x".repeat(150) + "/");
            DeliveryRepository repo = new DeliveryRepository(clock);
            w.db.tx(dsl -> {
                repo.insertAll(dsl, alice, IntStream.range(0, 21).mapToObj(i -> "https://h" + i + ".example/inbox")
                        .toList(), "a:many", "{}");
                List<Long> ids = repo.claimDue(dsl, 100, LEASE).stream().map(DeliveryRepository.Job::id).toList();
                assertThat(ids).hasSize(21);
                repo.markAllDone(dsl, ids, 202);
                return null;
            }).await();
            Housekeeping hk = housekeeping(w);

            // Two days on, only the jobs are old: 21 in chunks of 7, three full chunks then one that
            // finds nothing.
            clock.set(T0.plus(Duration.ofDays(2)));
            Housekeeping.Report jobs = hk.runOnce(7).await();
            assertThat(jobs.of(Housekeeping.DONE_DELIVERIES)).isEqualTo(21);
            assertThat(jobs.total()).isEqualTo(21);
            // Twenty days on, the ids: two full chunks of 1,000 and a short one.
            clock.set(T0.plus(Duration.ofDays(20)));
            assertThat(hk.runOnce(1000).await().of(Housekeeping.RECEIVED_ACTIVITIES)).isEqualTo(2345);
            assertThat(w.db.read(dsl -> dsl.fetchCount(RECEIVED_ACTIVITY) + dsl.fetchCount(DELIVERY)).await())
                    .isZero();
        }
    }

    /**
     * Two processes' housekeeping on one database at the same moment: every old row goes, each
     * exactly once (the counts add up), and neither fails.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void twoProcessesPruneTheSameTablesAtOnce(TestDatabase.Kind kind) {
        try (LocalWorld w = LocalWorld.open(vertx, kind)) {
            insertReceived(w, 1200, "https://remote.example/activities/");
            clock.set(T0.plus(Duration.ofDays(20)));
            Housekeeping a = housekeeping(w);
            Housekeeping b = housekeeping(w);
            List<Housekeeping.Report> reports = Future.all(a.runOnce(50), b.runOnce(50)).await().list();
            assertThat(reports.stream().mapToInt(r -> r.of(Housekeeping.RECEIVED_ACTIVITIES)).sum()).isEqualTo(1200);
            assertThat(w.db.read(dsl -> dsl.fetchCount(RECEIVED_ACTIVITY)).await()).isZero();
        }
    }

    /** {@code n} activity ids received at the clock's time. */
    private void insertReceived(LocalWorld w, int n, String prefix) {
        ReceivedActivityRepository received = new ReceivedActivityRepository(clock);
        w.db.tx(dsl -> {
            IntStream.range(0, n).forEach(i -> received.markReceived(dsl, prefix + i));
            return null;
        }).await();
        assertThat(w.db.read(dsl -> dsl.fetchCount(RECEIVED_ACTIVITY)).await()).isEqualTo(n);
    }
}
