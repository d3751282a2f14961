package social.chorus.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Launcher.Outcome run(Map<String, String> env, String... args) {
        out.reset();
        err.reset();
        return new Launcher(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void createListDisableEnable(TestDatabase.Kind kind) throws IOException {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "a long admin password\n");
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Map<String, String> env = TestConfig.env(tdb, Map.of("CHORUS_DOMAIN", "chorus.example",
                    "CHORUS_REGISTRATIONS", "closed"));

            assertThat(run(env, "admin", "account", "create", "--username", "Root_Admin2", "--email",
                    "ops@chorus.example", "--password-file", pw.toString(), "--admin"))
                    .isEqualTo(new Launcher.Exited(ExitCode.OK));
            assertThat(stdout()).contains("Created admin account root_admin2 (id ")
                    .contains("https://chorus.example/users/root_admin2");

            assertThat(run(env, "admin", "account", "create", "--username", "root_admin2", "--email",
                    "other@chorus.example", "--password-file", pw.toString()))
                    .isEqualTo(new Launcher.Exited(ExitCode.COMMAND_FAILED));
            assertThat(stderr()).isEqualTo("chorus: command failed: Username 'root_admin2' is already taken"
                    + System.lineSeparator());

            assertThat(run(env, "admin", "account", "disable", "root_admin2"))
                    .isEqualTo(new Launcher.Exited(ExitCode.OK));
            run(env, "admin", "account", "list");
            assertThat(stdout()).containsPattern("root_admin2 +ops@chorus.example +admin +disabled");
            assertThat(stdout()).doesNotContain("argon2").doesNotContain("a long admin password");

            run(env, "admin", "account", "enable", "root_admin2");
            run(env, "admin", "account", "list");
            assertThat(stdout()).containsPattern("root_admin2 +ops@chorus.example +admin +active");

            assertThat(run(env, "admin", "account", "disable", "nobody"))
                    .isEqualTo(new Launcher.Exited(ExitCode.COMMAND_FAILED));
            assertThat(stderr()).contains("Account 'nobody' not found");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void badCommandLinesAreUsageErrorsThatTouchNothing(TestDatabase.Kind kind) {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Map<String, String> env = TestConfig.env(tdb, Map.of());
            assertThat(run(env, "admin", "account", "create", "--username", "x"))
                    .isEqualTo(new Launcher.Exited(ExitCode.USAGE));
            assertThat(stderr()).contains("--email is required").contains("account create --username U");
            assertThat(run(env, "admin", "account", "create", "--bogus"))
                    .isEqualTo(new Launcher.Exited(ExitCode.USAGE));
            assertThat(stderr()).contains("unknown option '--bogus'");
            assertThat(run(env, "admin", "account", "create", "--username", "x", "--email", "x@example.org",
                    "--password-file", dir.resolve("missing").toString()))
                    .isEqualTo(new Launcher.Exited(ExitCode.COMMAND_FAILED));
            assertThat(stderr()).contains("Cannot read the password file");
            run(env, "admin", "account", "list");
            assertThat(stdout().lines().count()).isEqualTo(1); // the header only
        }
    }
}
