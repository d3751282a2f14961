package social.chorus.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.delivery.HostHealth;
import social.chorus.storage.RemoteHostRepository.HostState;
import social.chorus.testing.TestDatabase;

/** The per-host failure record on both databases, including two processes updating one host at once. */
class RemoteHostRepositoryTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456Z");
    private final RemoteHostRepository hosts = new RemoteHostRepository(Clock.fixed(NOW, ZoneOffset.UTC));
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void statesRoundTripAndOnlyUnavailableHostsAreListed(TestDatabase.Kind kind) {
        try (TestDatabase tdb = TestDatabase.create(kind); Database database = Database.open(tdb.config());
                Db db = new Db(vertx, database, 2)) {
            new Migrations(database).migrate();
            HostState dead = db.tx(dsl -> {
                HostState s = null;
                for (int d = 0; d < 7; d++) {
                    Instant t = NOW.plus(Duration.ofDays(d));
                    s = hosts.update(dsl, "dead.example", h -> HostHealth.afterFailure(h, t));
                }
                hosts.update(dsl, "flaky.example", h -> HostHealth.afterFailure(h, NOW));
                hosts.update(dsl, "gone.example", h -> HostHealth.afterGone(h, NOW));
                return s;
            }).await();
            assertThat(db.read(dsl -> hosts.find(dsl, "dead.example")).await()).contains(dead);
            assertThat(dead.unavailableSince()).contains(NOW.plus(Duration.ofDays(6)));

            Map<String, HostState> down = db.read(dsl -> hosts.unavailable(dsl,
                    Set.of("dead.example", "flaky.example", "gone.example", "never.example"))).await();
            assertThat(down).containsOnlyKeys("dead.example", "gone.example");
            assertThat(db.read(dsl -> hosts.listUnavailable(dsl, 10)).await()).extracting(HostState::host)
                    .containsExactlyInAnyOrder("dead.example", "gone.example");

            db.tx(dsl -> {
                hosts.recordSuccess(dsl, "dead.example");
                hosts.recordSuccess(dsl, "never.example"); // no row: nothing happens
                hosts.forget(dsl, "gone.example");
                return null;
            }).await();
            HostState back = db.read(dsl -> hosts.find(dsl, "dead.example")).await().orElseThrow();
            assertThat(back).isEqualTo(HostHealth.afterSuccess(dead, NOW));
            assertThat(db.read(dsl -> hosts.find(dsl, "never.example")).await()).isEmpty();
            assertThat(db.read(dsl -> hosts.find(dsl, "gone.example")).await()).isEmpty();
            assertThat(db.read(dsl -> hosts.listUnavailable(dsl, 10)).await()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void concurrentFailuresFromTwoProcessesCountEveryDayOnce(TestDatabase.Kind kind) {
        try (TestDatabase tdb = TestDatabase.create(kind); Database one = Database.open(tdb.config());
                Database two = Database.open(tdb.config()); Db dbOne = new Db(vertx, one, 4);
                Db dbTwo = new Db(vertx, two, 4)) {
            new Migrations(one).migrate();
            for (int day = 0; day < 2; day++) {
                Instant t = NOW.plus(Duration.ofDays(day));
                List<Future<HostState>> writes = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    Db db = i % 2 == 0 ? dbOne : dbTwo;
                    // The first writes of the first day race to create the row.
                    writes.add(db.tx(dsl -> hosts.update(dsl, "busy.example", h -> HostHealth.afterFailure(h, t))));
                }
                Future.all(writes).await();
                HostState s = dbOne.read(dsl -> hosts.find(dsl, "busy.example")).await().orElseThrow();
                assertThat(s.failureDays()).isEqualTo(day + 1);
                assertThat(s.firstFailureAt()).contains(NOW);
            }
        }
    }
}
