package social.chorus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * The command line as an operator meets it: every start-up failure is one paragraph on stderr
 * that names what to fix, with a distinct exit code and no stack trace.
 */
class LauncherTest {
    @TempDir
    Path dir;

    private final LauncherRun cli = new LauncherRun();

    private void assertOneParagraphFailure(Launcher.Outcome outcome, ExitCode code, String... fragments) {
        assertThat(outcome).isEqualTo(new Launcher.Exited(code));
        assertThat(cli.stderr()).startsWith("chorus: cannot start: ").contains(fragments);
        assertThat(cli.stderr().strip()).doesNotContain("\n").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void invalidConfigValueNamesTheKeyAndTheAllowedValues() {
        Launcher.Outcome outcome = cli.run(Map.of("CHORUS_HTTP_PORT", "eighty"));
        assertOneParagraphFailure(outcome, ExitCode.CONFIG,
                "CHORUS_HTTP_PORT is 'eighty' (from environment)", "Allowed: a whole number from 1 to 65535.");
    }

    @Test
    void invalidValueInAConfigFileSaysItCameFromTheFile() throws IOException {
        Path conf = dir.resolve("chorus.conf");
        Files.writeString(conf, "CHORUS_LOG_LEVEL=chatty\n");
        assertOneParagraphFailure(cli.run(Map.of(), "--config", conf.toString()), ExitCode.CONFIG,
                "CHORUS_LOG_LEVEL is 'chatty' (from config file)", "error, warn, info, debug, trace");
    }

    @Test
    void unreachableDatabaseNamesTheUrlWithoutThePassword() {
        Launcher.Outcome outcome = cli.run(Map.of("CHORUS_DB_URL", "jdbc:mariadb://127.0.0.1:1/chorus?password=topsecret",
                "CHORUS_DB_PASSWORD", "alsosecret", "CHORUS_DATA_DIR", dir.toString()));
        assertOneParagraphFailure(outcome, ExitCode.DATABASE_UNREACHABLE,
                "The database at jdbc:mariadb://127.0.0.1:1/chorus?password=*** (user chorus) is not reachable",
                "Check CHORUS_DB_URL, CHORUS_DB_USER and CHORUS_DB_PASSWORD");
        assertThat(cli.stderr()).doesNotContain("topsecret").doesNotContain("alsosecret");
    }

    @Test
    void wrongDatabasePasswordIsReportedWithoutTheGivenPassword() {
        Launcher.Outcome outcome = cli.run(Map.of("CHORUS_DB_URL", "jdbc:mariadb://127.0.0.1:3306/test",
                "CHORUS_DB_USER", "root", "CHORUS_DB_PASSWORD", "not-the-password"));
        assertOneParagraphFailure(outcome, ExitCode.DATABASE_UNREACHABLE, "(user root) is not reachable",
                "Access denied");
        assertThat(cli.stderr()).doesNotContain("not-the-password");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void portInUseSaysWhichPortAndWhichSetting(TestDatabase.Kind kind) throws IOException {
        try (TestDatabase tdb = TestDatabase.create(kind);
                ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Map<String, String> env = TestConfig.env(tdb,
                    Map.of("CHORUS_HTTP_PORT", String.valueOf(taken.getLocalPort())));
            assertOneParagraphFailure(cli.run(env), ExitCode.PORT_IN_USE,
                    "Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use (CHORUS_HTTP_PORT)");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void failingMigrationStopsTheStartWithItsReason(TestDatabase.Kind kind) {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Map<String, String> env = TestConfig.env(tdb, Map.of());
            assertThat(cli.run(env, "admin", "migrate")).isEqualTo(new Launcher.Exited(ExitCode.OK));
            // An applied migration whose file changed since: Flyway refuses, and so must we.
            tdb.adminExecute("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'");
            assertOneParagraphFailure(cli.run(env), ExitCode.MIGRATION_FAILED,
                    "A database migration failed:", "checksum mismatch", "admin migrate");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aDatabaseOfAnotherDomainIsRefused(TestDatabase.Kind kind) {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Map<String, String> env = new HashMap<>(TestConfig.env(tdb, Map.of("CHORUS_DOMAIN", "first.example")));
            Launcher.Outcome first = cli.run(env);
            assertThat(first).isInstanceOf(Launcher.Serving.class);
            ((Launcher.Serving) first).chorus().stop();

            env.put("CHORUS_DOMAIN", "second.example");
            assertOneParagraphFailure(cli.run(env), ExitCode.CONFIG,
                    "CHORUS_DOMAIN is 'second.example' but this database belongs to 'first.example'");
        }
    }

    @Test
    void adminMigrateIsIdempotentAndPrintsTheSchemaVersion() {
        try (TestDatabase tdb = TestDatabase.h2()) {
            Map<String, String> env = TestConfig.env(tdb, Map.of());
            assertThat(cli.run(env, "admin", "migrate")).isEqualTo(new Launcher.Exited(ExitCode.OK));
            assertThat(cli.stdout()).containsPattern("H2 .* at jdbc:h2:file:.*: applied [1-9][0-9]* migration\\(s\\);"
                    + " schema version \\d+\\.");
            assertThat(cli.run(env, "admin", "migrate")).isEqualTo(new Launcher.Exited(ExitCode.OK));
            assertThat(cli.stdout()).contains("applied 0 migration(s)");
        }
    }

    @Test
    void checkConfigPrintsSourcesAndHidesThePassword() {
        Launcher.Outcome outcome = cli.run(Map.of("CHORUS_DOMAIN", "social.example", "CHORUS_DB_PASSWORD", "hunter22",
                "CHORUS_NOPE", "1"), "admin", "check-config");
        assertThat(outcome).isEqualTo(new Launcher.Exited(ExitCode.OK));
        assertThat(cli.stdout()).contains("Configuration is valid.")
                .containsPattern("CHORUS_DOMAIN +social.example +environment")
                .containsPattern("CHORUS_BASE_URL +https://social.example +default")
                .containsPattern("CHORUS_DB_PASSWORD +\\(set, hidden\\) +environment")
                .contains("warning: Unknown setting CHORUS_NOPE in the environment is ignored.")
                .doesNotContain("hunter22");
    }

    @Test
    void checkConfigFailsOnAnInvalidValue() {
        Launcher.Outcome outcome = cli.run(Map.of("CHORUS_DB_POOL_SIZE", "lots"), "admin", "check-config");
        assertThat(outcome).isEqualTo(new Launcher.Exited(ExitCode.CONFIG));
        assertThat(cli.stderr()).startsWith("chorus: command failed: CHORUS_DB_POOL_SIZE is 'lots'");
    }

    @Test
    void usageErrorsPrintTheUsageAndExitTwo() {
        assertThat(cli.run(Map.of(), "frobnicate")).isEqualTo(new Launcher.Exited(ExitCode.USAGE));
        assertThat(cli.stderr()).contains("Unknown command 'frobnicate'").contains("Usage: java -jar chorus.jar");
        assertThat(cli.run(Map.of(), "admin", "explode")).isEqualTo(new Launcher.Exited(ExitCode.USAGE));
        assertThat(cli.stderr()).contains("unknown admin command 'explode'").contains("check-config");
        assertThat(cli.run(Map.of(), "admin")).isEqualTo(new Launcher.Exited(ExitCode.USAGE));
        assertThat(cli.run(Map.of(), "--config")).isEqualTo(new Launcher.Exited(ExitCode.USAGE));
        assertThat(cli.stderr()).contains("--config needs a file name.");
        assertThat(cli.run(Map.of(), "help")).isEqualTo(new Launcher.Exited(ExitCode.OK));
        assertThat(cli.stdout()).contains("admin migrate").contains("admin check-config");
    }
}
