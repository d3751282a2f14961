package social.chorus.process.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.schema.Tables.DELIVERY;
import static social.chorus.schema.Tables.RECEIVED_ACTIVITY;
import static social.chorus.schema.Tables.STATUS_TOMBSTONE;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.app.Chorus;
import social.chorus.app.Services;
import social.chorus.model.Account;
import social.chorus.model.StatusView;
import social.chorus.process.account.SignUp;
import social.chorus.process.status.NewStatus;
import social.chorus.storage.DeliveryRepository;
import social.chorus.storage.ReceivedActivityRepository;
import social.chorus.storage.TombstoneRepository;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.TestClock;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * A started server prunes on its own: with a short schedule, the rows of a month ago disappear
 * once its clock has moved on, recent ones never do, and a deleted local post still answers 410.
 */
@Timeout(120)
class HousekeepingServerTest {
    private static final Housekeeping.Schedule FAST =
            new Housekeeping.Schedule(Duration.ofMillis(100), Duration.ofMillis(200), 1000);

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aRunningServerPrunesOldRowsAndKeepsWhatIsStillNeeded(TestDatabase.Kind kind) throws Exception {
        TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (TestDatabase db = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(db), new Chorus.Extras(clock, List.of(), FAST));
            try {
                Services services = chorus.services();
                Account alice = services.accounts().signUp(new SignUp("alice", "alice@example.org",
                        "long enough password", "", "", SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
                StatusView post = services.statuses().posting().create(alice.id(),
                        new NewStatus("soon gone", null, null, "public", null, null, null, null)).await();
                services.statuses().posting().delete(alice.id(), post.status().id()).await();
                services.db().tx(dsl -> {
                    new ReceivedActivityRepository(clock).markReceived(dsl, "https://remote.example/activities/1");
                    new TombstoneRepository(clock).record(dsl, "https://remote.example/notes/1", null, null);
                    // Claimed and finished in one transaction: the server's own worker never sees it pending.
                    DeliveryRepository jobs = new DeliveryRepository(clock);
                    long id = jobs.insert(dsl, alice.id(), "https://remote.example/inbox", "a:1", "{}");
                    jobs.claimDue(dsl, 1, Duration.ofMinutes(2));
                    jobs.markDone(dsl, id, 202);
                    return null;
                }).await();
                Supplier<List<Integer>> counts = () -> services.db().read(dsl -> List.of(
                        dsl.fetchCount(DELIVERY), dsl.fetchCount(RECEIVED_ACTIVITY),
                        dsl.fetchCount(STATUS_TOMBSTONE))).await();

                // Several passes run while everything is recent: nothing goes.
                Thread.sleep(1000);
                assertThat(counts.get()).containsExactly(1, 1, 2);

                clock.advance(Duration.ofDays(40));
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!counts.get().equals(List.of(0, 0, 1)) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(counts.get()).as("deliveries, activity ids, tombstones").containsExactly(0, 0, 1);

                // The tombstone left is the local post's, and its URL still answers 410 Gone.
                ApiTestClient api = new ApiTestClient(chorus);
                ApiTestClient.Response gone = api.send(HttpRequest.newBuilder(
                        api.uri("/users/alice/statuses/" + post.status().id()))
                        .header("Accept", "application/activity+json").GET());
                assertThat(gone.status()).as(gone.body()).isEqualTo(410);
                assertThat(gone.json().getString("type")).isEqualTo("Tombstone");
                assertThat(gone.json().getString("id")).isEqualTo(post.status().uri());
            } finally {
                chorus.stop();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void retentionsComeFromTheSettings(TestDatabase.Kind kind) throws Exception {
        TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (TestDatabase db = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(db, Map.of("CHORUS_RECEIVED_ACTIVITY_RETENTION_DAYS", "3")),
                    new Chorus.Extras(clock, List.of(), FAST));
            try {
                Services services = chorus.services();
                services.db().tx(dsl -> new ReceivedActivityRepository(clock)
                        .markReceived(dsl, "https://remote.example/activities/1")).await();
                // Four days is well inside the default 14, but past the 3 set here.
                clock.advance(Duration.ofDays(4));
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (services.db().read(dsl -> dsl.fetchCount(RECEIVED_ACTIVITY)).await() > 0
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(services.db().read(dsl -> dsl.fetchCount(RECEIVED_ACTIVITY)).await()).isZero();
            } finally {
                chorus.stop();
            }
        }
    }
}
