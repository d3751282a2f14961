package social.chorus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/** {@code java -jar chorus.jar admin account …} as an operator runs it, on each database. */
class AdminAccountCommandsTest {
    @TempDir
    Path dir;

    private final LauncherRun cli = new LauncherRun();

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void createListDisableEnable(TestDatabase.Kind kind) throws IOException {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "a long admin password\n");
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Map<String, String> env = TestConfig.env(tdb, Map.of("CHORUS_DOMAIN", "chorus.example",
                    "CHORUS_REGISTRATIONS", "closed"));

            assertThat(cli.run(env, "admin", "account", "create", "--username", "Root_Admin2", "--email",
                    "ops@chorus.example", "--password-file", pw.toString(), "--admin"))
                    .isEqualTo(new Launcher.Exited(ExitCode.OK));
            assertThat(cli.stdout()).contains("Created admin account root_admin2 (id ")
                    .contains("https://chorus.example/users/root_admin2");

            assertThat(cli.run(env, "admin", "account", "create", "--username", "root_admin2", "--email",
                    "other@chorus.example", "--password-file", pw.toString()))
                    .isEqualTo(new Launcher.Exited(ExitCode.COMMAND_FAILED));
            assertThat(cli.stderr()).isEqualTo("chorus: command failed: Username 'root_admin2' is already taken"
                    + System.lineSeparator());

            assertThat(cli.run(env, "admin", "account", "disable", "root_admin2"))
                    .isEqualTo(new Launcher.Exited(ExitCode.OK));
            cli.run(env, "admin", "account", "list");
            assertThat(cli.stdout()).containsPattern("root_admin2 +ops@chorus.example +admin +disabled");
            assertThat(cli.stdout()).doesNotContain("argon2").doesNotContain("a long admin password");

            cli.run(env, "admin", "account", "enable", "root_admin2");
            cli.run(env, "admin", "account", "list");
            assertThat(cli.stdout()).containsPattern("root_admin2 +ops@chorus.example +admin +active");

            assertThat(cli.run(env, "admin", "account", "disable", "nobody"))
                    .isEqualTo(new Launcher.Exited(ExitCode.COMMAND_FAILED));
            assertThat(cli.stderr()).contains("Account 'nobody' not found");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void badCommandLinesAreUsageErrorsThatTouchNothing(TestDatabase.Kind kind) {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Map<String, String> env = TestConfig.env(tdb, Map.of());
            assertThat(cli.run(env, "admin", "account", "create", "--username", "x"))
                    .isEqualTo(new Launcher.Exited(ExitCode.USAGE));
            assertThat(cli.stderr()).contains("--email is required").contains("account create --username U");
            assertThat(cli.run(env, "admin", "account", "create", "--bogus"))
                    .isEqualTo(new Launcher.Exited(ExitCode.USAGE));
            assertThat(cli.stderr()).contains("unknown option '--bogus'");
            assertThat(cli.run(env, "admin", "account", "create", "--username", "x", "--email", "x@example.org",
                    "--password-file", dir.resolve("missing").toString()))
                    .isEqualTo(new Launcher.Exited(ExitCode.COMMAND_FAILED));
            assertThat(cli.stderr()).contains("Cannot read the password file");
            cli.run(env, "admin", "account", "list");
            assertThat(cli.stdout().lines().count()).isEqualTo(1); // the header only
        }
    }
}
