package social.chorus.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.rig.JarProcess;
import social.chorus.testing.TestDatabase;
import social.chorus.testing.TestPorts;

/**
 * The packaged jar as an operator meets it: it starts on each supported database, restarts on the same
 * one, stops cleanly on SIGTERM, and fails to start with one readable paragraph and the documented
 * exit code (README, "Operator commands") rather than a stack trace.
 */
@Timeout(180) // a server that hangs instead of exiting must fail the build, not stall it
class JarSmokeTest {
    /**
     * A cold JVM, migrations and key generation on a loaded 2-core machine; the waits end as soon as
     * the process is up or gone, so only a failure takes this long.
     */
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration EXIT = Duration.ofSeconds(60);
    /** The JVM's code for "ended by SIGTERM"; the README documents it as the normal stop. */
    private static final int STOPPED_BY_SIGTERM = 143;

    private final Path jar = JarProcess.chorusJar();

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void startsRestartsOnTheSameDatabaseAndStopsOnSigterm(TestDatabase.Kind kind) {
        try (TestDatabase db = TestDatabase.create(kind)) {
            int port = TestPorts.free();
            Map<String, String> env = JarProcess.serverEnv(port, db.env());
            String expectedKind = "\"kind\":\"" + kind.name().toLowerCase(Locale.ROOT) + "\"";

            // The first start applies the migrations; the second finds them applied and must not fail.
            for (String run : new String[] {"first start", "restart"}) {
                try (JarProcess chorus = JarProcess.start(jar, env)) {
                    JarProcess.Health health = chorus.awaitHealthy(START);
                    assertThat(health.body()).as(run).contains("\"status\":\"ok\"").contains(expectedKind);
                    // Logged once startup is complete, which may be just after /healthz first answered.
                    chorus.awaitOutput("Chorus serving http://localhost:" + port, START);

                    int code = chorus.terminate(EXIT);

                    assertThat(code).as(run + "\n" + chorus.output()).isEqualTo(STOPPED_BY_SIGTERM);
                    assertThat(chorus.output()).as(run).contains("Stopping: finishing in-flight requests")
                            .contains("Stopped");
                    assertNoStackTrace(chorus);
                }
            }
        }
    }

    @Test
    void portAlreadyInUseExitsWithCode6AndOneParagraph() throws IOException {
        try (TestDatabase db = TestDatabase.h2(); ServerSocket holder = new ServerSocket()) {
            // Bound like the server binds (all addresses), so the conflict is real whatever the host setting.
            holder.bind(new InetSocketAddress(0));
            int port = holder.getLocalPort();
            try (JarProcess chorus = JarProcess.start(jar, JarProcess.serverEnv(port, db.env()))) {
                int code = chorus.awaitExit(EXIT);

                assertThat(code).as(chorus.output()).isEqualTo(6);
                assertThat(chorus.stderr()).startsWith("chorus: cannot start:").contains("already in use");
                assertNoStackTrace(chorus);
            }
        }
    }

    @Test
    void unreachableMariaDbExitsWithCode4NamingUrlAndUser() {
        Map<String, String> env = new HashMap<>();
        env.put("CHORUS_HTTP_PORT", Integer.toString(TestPorts.free()));
        env.put("CHORUS_DB_URL", "jdbc:mariadb://127.0.0.1:1/x");
        env.put("CHORUS_DB_USER", "root");
        try (JarProcess chorus = JarProcess.start(jar, env)) {
            int code = chorus.awaitExit(EXIT);

            assertThat(code).as(chorus.output()).isEqualTo(4);
            assertThat(chorus.stderr()).startsWith("chorus: cannot start:")
                    .contains("jdbc:mariadb://127.0.0.1:1/x").contains("root").contains("not reachable");
            assertNoStackTrace(chorus);
        }
    }

    @Test
    void checkConfigSucceedsWithoutPrintingThePassword() {
        Map<String, String> env = new HashMap<>();
        env.put("CHORUS_DB_URL", "jdbc:mariadb://127.0.0.1:3306/chorus");
        env.put("CHORUS_DB_USER", "chorus");
        env.put("CHORUS_DB_PASSWORD", "s3cret-value");
        try (JarProcess chorus = JarProcess.start(jar, env, "admin", "check-config")) {
            int code = chorus.awaitExit(EXIT);

            assertThat(code).as(chorus.output()).isZero();
            assertThat(chorus.stdout()).contains("CHORUS_DB_PASSWORD");
            assertThat(chorus.output()).doesNotContain("s3cret-value");
            assertNoStackTrace(chorus);
        }
    }

    @Test
    void unknownCommandExitsWithCode2AndUsage() {
        try (JarProcess chorus = JarProcess.start(jar, Map.of(), "nonsense")) {
            int code = chorus.awaitExit(EXIT);

            assertThat(code).as(chorus.output()).isEqualTo(2);
            assertThat(chorus.stderr()).contains("nonsense").contains("Usage: java -jar chorus.jar");
            assertNoStackTrace(chorus);
        }
    }

    /** Operators must get the explanation, not a trace; the README promises traces only in the log file. */
    private static void assertNoStackTrace(JarProcess chorus) {
        assertThat(chorus.output()).as("stack trace printed").doesNotContain("\tat ");
    }
}
