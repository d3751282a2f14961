package social.chorus.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.delivery.HostHealth;
import social.chorus.storage.Database;
import social.chorus.storage.Db;
import social.chorus.storage.DeliveryRepository;
import social.chorus.storage.RemoteHostRepository;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/** {@code java -jar chorus.jar admin federation …} as an operator runs it, on each database. */
class AdminFederationCommandsTest {
    @TempDir
    Path dir;

    private final LauncherRun cli = new LauncherRun();

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    /** A queue with one job in flight, two more pending (one due for 3 hours), one failed, and sick hosts. */
    private static void seed(TestDatabase tdb, long sender) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Vertx vertx = Vertx.vertx();
        try (Database database = Database.open(tdb.config()); Db db = new Db(vertx, database, 2)) {
            db.tx(dsl -> {
                String inbox = "https://remote.example/inbox";
                new DeliveryRepository(at(now.minus(Duration.ofHours(4)))).insert(dsl, sender, inbox, "a:1", "{}");
                new DeliveryRepository(Clock.systemUTC()).claimDue(dsl, 1, Duration.ofMinutes(10));
                new DeliveryRepository(at(now.minus(Duration.ofHours(3)))).insert(dsl, sender, inbox, "a:2", "{}");
                new DeliveryRepository(at(now.plus(Duration.ofHours(1)))).insert(dsl, sender, inbox, "a:3", "{}");
                DeliveryRepository repo = new DeliveryRepository(Clock.systemUTC());
                repo.markFailed(dsl, repo.insert(dsl, sender, inbox, "a:4", "{}"), 404, "refused with HTTP 404");

                RemoteHostRepository hosts = new RemoteHostRepository(Clock.systemUTC());
                Instant start = Instant.parse("2026-02-01T12:00:00Z");
                for (int d = 0; d < 7; d++) {
                    Instant t = start.plus(Duration.ofDays(d));
                    hosts.update(dsl, "dead.example", s -> HostHealth.afterFailure(s, t));
                }
                for (int d = 0; d < 2; d++) {
                    Instant t = start.plus(Duration.ofDays(d));
                    hosts.update(dsl, "flaky.example", s -> HostHealth.afterFailure(s, t));
                }
                hosts.update(dsl, "gone.example", s -> HostHealth.afterGone(s, start));
                return null;
            }).await();
        } finally {
            vertx.close().await();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void statusShowsTheQueueAndTheHostsGivenUpOn(TestDatabase.Kind kind) throws IOException {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "a long admin password\n");
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Map<String, String> env = TestConfig.env(tdb, Map.of("CHORUS_DOMAIN", "chorus.example"));
            assertThat(cli.run(env, "admin", "federation", "status")).isEqualTo(new Launcher.Exited(ExitCode.OK));
            assertThat(cli.stdout()).contains("Deliveries pending:   0").contains("Oldest due job:       none")
                    .contains("Unavailable hosts:    0");

            assertThat(cli.run(env, "admin", "account", "create", "--username", "alice", "--email", "a@chorus.example",
                    "--password-file", pw.toString())).isEqualTo(new Launcher.Exited(ExitCode.OK));
            long sender = Long.parseLong(cli.stdout().replaceAll("(?s).*\\(id (\\d+)\\).*", "$1"));
            seed(tdb, sender);

            assertThat(cli.run(env, "admin", "federation", "status")).isEqualTo(new Launcher.Exited(ExitCode.OK));
            String status = cli.stdout();
            assertThat(status).contains("Deliveries pending:   3").contains("Deliveries in flight: 1")
                    .contains("Deliveries failed:    1 (kept 7d after their last attempt)").containsPattern("Oldest due job: +\\S+Z \\(waiting 3h\\)")
                    .contains("Unavailable hosts:    2")
                    .containsPattern("dead.example +unavailable +since 2026-02-07T12:00:00Z, failed on 7 distinct days")
                    .containsPattern("gone.example +gone +since 2026-02-01T12:00:00Z")
                    .doesNotContain("flaky.example");

            assertThat(cli.run(env, "admin", "federation", "revive", "Dead.Example"))
                    .isEqualTo(new Launcher.Exited(ExitCode.OK));
            assertThat(cli.stdout()).contains("Host dead.example revived");
            cli.run(env, "admin", "federation", "status");
            assertThat(cli.stdout()).contains("Unavailable hosts:    1").doesNotContain("dead.example");
            Map<String, String> shortRetention = new HashMap<>(env);
            shortRetention.put("CHORUS_DELIVERY_FAILED_RETENTION_DAYS", "2");
            cli.run(shortRetention, "admin", "federation", "status");
            assertThat(cli.stdout()).contains("Deliveries failed:    1 (kept 2d after their last attempt)");

            assertThat(cli.run(env, "admin", "federation", "revive", "never-failed.example"))
                    .isEqualTo(new Launcher.Exited(ExitCode.COMMAND_FAILED));
            assertThat(cli.stderr()).contains("No delivery failures are recorded for never-failed.example");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void badCommandLinesAreUsageErrors(TestDatabase.Kind kind) {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Map<String, String> env = TestConfig.env(tdb, Map.of());
            assertThat(cli.run(env, "admin", "federation")).isEqualTo(new Launcher.Exited(ExitCode.USAGE));
            assertThat(cli.stderr()).contains("admin federation needs a command").contains("federation status");
            assertThat(cli.run(env, "admin", "federation", "status", "now"))
                    .isEqualTo(new Launcher.Exited(ExitCode.USAGE));
            assertThat(cli.run(env, "admin", "federation", "revive")).isEqualTo(new Launcher.Exited(ExitCode.USAGE));
            assertThat(cli.stderr()).contains("expected exactly one host");
            assertThat(cli.run(env, "admin", "federation", "purge")).isEqualTo(new Launcher.Exited(ExitCode.USAGE));
            assertThat(cli.stderr()).contains("unknown federation command 'purge'");
        }
    }
}
