package social.chorus.federation.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real {@code java -jar chorus.jar} in a child process, started the way an operator starts it:
 * no JVM flags, configuration only through the environment. Tests of the packaged artefact (shading,
 * manifest, exit codes, signal handling) need this; in-process instances cannot show them.
 * Always use in try-with-resources: {@link #close()} kills a process that is still running.
 */
public final class JarProcess implements AutoCloseable {
    /** Variables that would silently add JVM flags to the child, which must start as a user's would. */
    private static final List<String> JVM_OPTION_VARIABLES =
            List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private final Process process;
    private final long startedNanos;
    private final Path workDir;
    private final Path stdoutFile;
    private final Path stderrFile;
    private final Integer port;
    private final HttpClient http;

    private JarProcess(Process process, long startedNanos, Path workDir, Integer port) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.workDir = workDir;
        this.stdoutFile = workDir.resolve("stdout.log");
        this.stderrFile = workDir.resolve("stderr.log");
        this.port = port;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    }

    /** The jar that {@code ./mvnw install} built, as federation-tests/pom.xml passes it. */
    public static Path chorusJar() {
        String jar = System.getProperty("chorus.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("chorus.jar not found at '" + jar
                    + "': run ./mvnw -q -DskipTests install first (or pass -Dchorus.jar=PATH)");
        }
        return Path.of(jar);
    }

    /**
     * Starts {@code java -jar jar args...} in a fresh temporary working directory, so that a default
     * {@code data} directory never lands in the repository. The environment is this JVM's without any
     * CHORUS_* variable (a developer's own settings must not leak into a test), plus {@code env}.
     */
    public static JarProcess start(Path jar, Map<String, String> env, String... args) {
        try {
            Path workDir = Files.createTempDirectory("chorus-jar-");
            List<String> command = new ArrayList<>();
            command.add(javaExecutable().toString());
            command.add("-jar");
            command.add(jar.toAbsolutePath().toString());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(workDir.resolve("stdout.log").toFile())
                    .redirectError(workDir.resolve("stderr.log").toFile());
            Map<String, String> childEnv = builder.environment();
            childEnv.keySet().removeIf(k -> k.startsWith("CHORUS_") || JVM_OPTION_VARIABLES.contains(k));
            childEnv.putAll(env);
            String portValue = env.get("CHORUS_HTTP_PORT");
            Integer port = portValue == null ? null : Integer.valueOf(portValue);
            long started = System.nanoTime();
            return new JarProcess(builder.start(), started, workDir, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same Java that runs the tests, so that the figures and behaviour belong to one known JVM. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** Environment for a server on {@code port} using {@code database}'s variables. */
    public static Map<String, String> serverEnv(int port, Map<String, String> databaseEnv) {
        Map<String, String> env = new HashMap<>(databaseEnv);
        env.put("CHORUS_HTTP_PORT", Integer.toString(port));
        return env;
    }

    /** The first /healthz answer with status 200, and how long after process start it came. */
    public record Health(int status, String body, Duration sinceStart) {
    }

    /** Polls /healthz every 10 ms until it answers 200. */
    public Health awaitHealthy(Duration timeout) {
        return awaitHealthy(timeout, Duration.ofMillis(10));
    }

    /**
     * Polls /healthz until it answers 200. Fails at once, with the output, if the process exits first:
     * waiting out the timeout then would only hide the reason.
     */
    public Health awaitHealthy(Duration timeout, Duration pollInterval) {
        if (port == null) {
            throw new IllegalStateException("CHORUS_HTTP_PORT was not given, so the port is unknown");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("chorus exited with code " + process.exitValue()
                        + " before /healthz answered 200\n" + output());
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return new Health(200, response.body(), Duration.ofNanos(System.nanoTime() - startedNanos));
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString(); // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for /healthz", e);
            }
            sleep(pollInterval);
        }
        throw new IllegalStateException("/healthz did not answer 200 within " + timeout + " (last: " + last
                + ")\n" + output());
    }

    /**
     * Waits until stdout or stderr contains {@code text}. A line logged at the end of startup may come
     * a moment after /healthz first answers (the server listens before it finishes starting), so a
     * test that reads the output right after {@link #awaitHealthy} must wait for the line instead.
     */
    public void awaitOutput(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(stdout() + stderr()).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("'" + text + "' not printed within " + timeout + "\n" + output());
            }
            sleep(Duration.ofMillis(20));
        }
    }

    /** Sends SIGTERM (what {@link Process#destroy()} does on Linux) and waits for the exit code. */
    public int terminate(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /**
     * Kills the process with SIGKILL, as a crash or the OOM killer would: no shutdown hook runs,
     * nothing is drained or closed. Returns the exit code, 137 (128 + 9) when SIGKILL did it.
     */
    public int kill() {
        // On Linux destroyForcibly() sends SIGKILL to this very pid: the java process itself, no wrapper.
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("chorus did not die within 10 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing chorus", e);
        }
        return process.exitValue();
    }

    /** Waits for the process to end by itself; kills it and fails if it does not end in time. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("chorus did not exit within " + timeout
                        + " (killed it)\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for chorus to exit", e);
        }
    }

    /** Resident set size of the process in KiB, from /proc (Linux only). */
    public long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IllegalStateException("no VmRSS line for pid " + process.pid());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read RSS of pid " + process.pid() + " (has it exited?)", e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() {
        return read(stdoutFile);
    }

    public String stderr() {
        return read(stderrFile);
    }

    /** Both streams, labelled, for assertion messages and "nothing printed a stack trace" checks. */
    public String output() {
        return "--- stdout ---\n" + stdout() + "--- stderr ---\n" + stderr();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteRecursively(workDir);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
