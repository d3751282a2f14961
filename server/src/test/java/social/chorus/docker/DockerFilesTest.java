package social.chorus.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.docker.DockerFiles.*;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import social.chorus.docker.DockerFiles.Stage;
import social.chorus.app.config.ChorusConfig;
import social.chorus.app.config.ConfigLoader;
import social.chorus.app.config.Setting;

/**
 * docker/ restates facts about the application (setting names, jar name, port, health path, data
 * dir, Java version) in files nothing compiles against the code, so they drift silently. These
 * checks fail when they do. Each check is a helper that takes parsed content and returns problems,
 * so a test can also feed it broken input and prove that it catches it.
 */
class DockerFilesTest {
    private static final String CHORUS = "chorus";
    private static Path root;
    private static List<Stage> stages;
    private static Stage runtime;
    private static Map<String, Object> compose;
    private static Map<String, String> envExample;
    private static int defaultPort;

    @BeforeAll
    static void load() throws IOException {
        root = repoRoot();
        stages = parseDockerfile(Files.readString(root.resolve("docker/Dockerfile")));
        runtime = stages.get(stages.size() - 1);
        compose = new Yaml().load(Files.readString(root.resolve("docker/docker-compose.yml")));
        envExample = parseEnvFile(Files.readString(root.resolve("docker/.env.example")));
        // What Chorus listens on when nothing is configured: the port the image is built around.
        defaultPort = new ConfigLoader(Map.of()).load(Optional.empty()).config().httpPort();
    }

    @Test
    void composeEnvironmentHoldsOnlyChorusSettings() {
        assertThat(unknownSettings(environment(service(compose, CHORUS)))).isEmpty();
    }

    @Test
    void unknownSettingIsReported() {
        assertThat(unknownSettings(Map.of("CHORUS_DOMAIN", "x", "CHORUS_FOO", "1")))
                .singleElement().asString().contains("CHORUS_FOO");
    }

    @Test
    void dbUrlPointsAtMariadbServiceWithItsDatabaseAndCredentials() {
        assertThat(dbProblems(compose, envExample)).isEmpty();
    }

    @Test
    void dbNameMismatchIsReported() {
        Map<String, Object> broken = deepCopy(compose);
        map(service(broken, CHORUS).get("environment")).put("CHORUS_DB_URL", "jdbc:mariadb://mariadb:3306/other");
        assertThat(dbProblems(broken, envExample)).anyMatch(p -> p.contains("database"));
    }

    @Test
    void dockerfileBuildsAndRunsTheShadedJar() {
        String finalName = xpath(root.resolve("server/pom.xml"), "//plugin[artifactId='maven-shade-plugin']//finalName");
        assertThat(finalName).as("shade <finalName> in server/pom.xml").isNotBlank();
        assertThat(jarProblems(stages, finalName)).isEmpty();
    }

    @Test
    void exposedAndPublishedPortIsTheDefaultHttpPort() {
        assertThat(portProblems(runtime, service(compose, CHORUS), defaultPort)).isEmpty();
    }

    @Test
    void healthcheckProbesHealthzOnTheHttpPort() {
        assertThat(healthProblems(runtime, defaultPort)).isEmpty();
    }

    @Test
    void dataVolumeIsTheConfiguredDataDir() {
        assertThat(volumeProblems(runtime, compose)).isEmpty();
    }

    @Test
    void runtimeRunsAsNonRootUser() {
        assertThat(userProblems(runtime)).isEmpty();
    }

    @Test
    void imagesUseTheJavaReleaseThePomCompilesFor() {
        String release = xpath(root.resolve("pom.xml"), "/project/properties/maven.compiler.release");
        assertThat(javaVersionProblems(stages, release)).isEmpty();
    }

    @Test
    void everyComposeVariableIsInEnvExample() {
        // Parsed YAML has no comments left, and its toString holds every key and value verbatim.
        assertThat(missingFromEnvExample(variablesIn(compose.toString()), envExample)).isEmpty();
        assertThat(missingFromEnvExample(Set.of("CHORUS_NEW_KNOB"), envExample)).containsExactly("CHORUS_NEW_KNOB");
    }

    @Test
    void chorusWaitsForHealthyMariadb() {
        assertThat(dependencyProblems(compose)).isEmpty();
    }

    /** The whole chain: image ENV + compose environment + .env.example is configuration Chorus accepts. */
    @Test
    void exampleEnvironmentIsAcceptedByTheApplication() {
        Map<String, String> env = new HashMap<>(dockerEnv(runtime));
        environment(service(compose, CHORUS)).forEach((k, v) -> env.put(k, interpolate(v, envExample)));
        ConfigLoader.Loaded loaded = new ConfigLoader(env).load(Optional.empty());
        ChorusConfig config = loaded.config();
        assertThat(loaded.warnings()).isEmpty();
        assertThat(config.db().url()).startsWith("jdbc:mariadb://");
        assertThat(config.httpPort()).isEqualTo(defaultPort);
        assertThat(config.dataDir()).isEqualTo(Path.of(dockerEnv(runtime).get("CHORUS_DATA_DIR")));
        // Docker SIGKILLs after stop_grace_period; the server must be done draining by then.
        assertThat(Duration.parse("PT" + service(compose, CHORUS).get("stop_grace_period")).toSeconds())
                .isGreaterThan(config.shutdownGraceSeconds());
    }

    // ---------------------------------------------------------------- checks

    /** Collects what is wrong; one line per rule keeps the checks readable. */
    static final class Problems extends ArrayList<String> {
        Problems check(boolean ok, String problem) {
            if (!ok) {
                add(problem);
            }
            return this;
        }
    }

    static List<String> unknownSettings(Map<String, String> env) {
        return env.keySet().stream().filter(k -> Setting.byKey(k).isEmpty())
                .map(k -> k + " is not a Chorus setting (see Setting.java); Chorus would ignore it").toList();
    }

    static List<String> dbProblems(Map<String, Object> compose, Map<String, String> vars) {
        Map<String, String> env = environment(service(compose, CHORUS));
        Matcher url = Pattern.compile("jdbc:mariadb://([^:/]+)(?::(\\d+))?/([^?;]+).*")
                .matcher(env.getOrDefault("CHORUS_DB_URL", ""));
        if (!url.matches()) {
            return List.of("CHORUS_DB_URL is not jdbc:mariadb://HOST:PORT/DB: " + env.get("CHORUS_DB_URL"));
        }
        String dbService = dbServiceName(compose);
        Map<String, String> db = environment(service(compose, dbService));
        return new Problems()
                .check(url.group(1).equals(dbService), "CHORUS_DB_URL host " + url.group(1) + " is not the MariaDB service " + dbService)
                .check(url.group(2) == null || url.group(2).equals("3306"), "CHORUS_DB_URL port is not MariaDB's 3306")
                .check(sameSource(url.group(3), db.get("MARIADB_DATABASE"), vars), "Chorus's database differs from MariaDB's")
                .check(sameSource(env.get("CHORUS_DB_USER"), db.get("MARIADB_USER"), vars), "Chorus's user differs from MariaDB's")
                .check(sameSource(env.get("CHORUS_DB_PASSWORD"), db.get("MARIADB_PASSWORD"), vars),
                        "Chorus's password differs from MariaDB's");
    }

    /** Same variables, and equal both with .env.example and with nothing set (so defaults agree too). */
    private static boolean sameSource(String chorus, String mariadb, Map<String, String> vars) {
        return chorus != null && mariadb != null && variablesIn(chorus).equals(variablesIn(mariadb))
                && interpolate(chorus, vars).equals(interpolate(mariadb, vars))
                && interpolate(chorus, Map.of()).equals(interpolate(mariadb, Map.of()));
    }

    static List<String> jarProblems(List<Stage> stages, String finalName) {
        String jar = "server/target/" + finalName + ".jar";
        Stage runtime = stages.get(stages.size() - 1);
        for (Instruction copy : runtime.all("COPY")) {
            Copy c = Copy.parse(copy.args());
            Optional<Stage> from = stages.stream().filter(s -> s.name() != null && s.name().equals(c.from())).findFirst();
            if (from.isEmpty() || c.sources().size() != 1 || !c.sources().get(0).endsWith(jar)) {
                continue;
            }
            // COPY sources in the build stage are relative to its WORKDIR, so that is where the jar is built.
            Path built = Path.of(from.get().last("WORKDIR").map(Instruction::args).orElse("/")).resolve(jar);
            String dest = c.dest().endsWith("/") ? c.dest() + finalName + ".jar" : c.dest();
            List<String> command = execForm(runtime.last("ENTRYPOINT").or(() -> runtime.last("CMD")));
            int jarFlag = command.indexOf("-jar");
            return new Problems()
                    .check(Path.of(c.sources().get(0)).equals(built), "jar copied from " + c.sources().get(0) + ", built at " + built)
                    .check(!command.isEmpty() && command.get(0).equals("java") && jarFlag >= 0
                            && jarFlag + 1 < command.size() && command.get(jarFlag + 1).equals(dest),
                            "ENTRYPOINT must be exec form [\"java\", ..., \"-jar\", \"" + dest + "\"], is " + command);
        }
        return List.of("runtime stage never copies " + jar + " from a build stage");
    }

    static List<String> portProblems(Stage runtime, Map<String, Object> chorus, int port) {
        String expected = String.valueOf(port);
        List<String> exposed = runtime.all("EXPOSE").stream()
                .flatMap(i -> List.of(i.args().split("\\s+")).stream()).map(p -> p.replace("/tcp", "")).toList();
        Problems problems = new Problems().check(exposed.equals(List.of(expected)), "EXPOSE " + exposed + " is not " + port);
        for (Object p : list(chorus.get("ports"))) {
            // "[ADDR:]HOST:CONTAINER[/tcp]" or the long form; only the container side is ours.
            String target = p instanceof Map<?, ?> m ? String.valueOf(m.get("target"))
                    : String.valueOf(p).replaceAll("^.*:", "").replace("/tcp", "");
            problems.check(target.equals(expected), "compose publishes container port " + target + ", Chorus listens on " + port);
        }
        // EXPOSE and HEALTHCHECK are fixed in the image, so compose must not move the port.
        String set = environment(chorus).get("CHORUS_HTTP_PORT");
        return problems.check(set == null || set.equals(expected), "compose sets CHORUS_HTTP_PORT=" + set + ", image assumes " + port);
    }

    static List<String> healthProblems(Stage runtime, int port) {
        Matcher cmd = Pattern.compile("(?:^|\\s)CMD\\s+(\\S+).*?(https?://[^\\s\"'|]+)")
                .matcher(runtime.last("HEALTHCHECK").map(Instruction::args).orElse(""));
        if (!cmd.find()) {
            return List.of("no HEALTHCHECK CMD with an http URL in the runtime stage");
        }
        URI uri = URI.create(cmd.group(2));
        String tool = cmd.group(1);
        return new Problems()
                .check(Set.of("127.0.0.1", "localhost").contains(uri.getHost()) && uri.getPort() == port
                        && "/healthz".equals(uri.getPath()), "HEALTHCHECK probes " + uri + ", not http://127.0.0.1:" + port + "/healthz")
                // Temurin JRE images no longer ship curl or wget: the probe tool must be installed here.
                .check(runtime.all("RUN").stream().anyMatch(r -> r.args().contains("install") && r.args().contains(" " + tool)),
                        "HEALTHCHECK uses " + tool + " but no RUN in the runtime stage installs it");
    }

    static List<String> volumeProblems(Stage runtime, Map<String, Object> compose) {
        String dataDir = dockerEnv(runtime).get("CHORUS_DATA_DIR");
        if (dataDir == null) {
            return List.of("runtime stage sets no ENV CHORUS_DATA_DIR (the default, ./data, is not a volume)");
        }
        List<String> volumes = runtime.all("VOLUME").stream().flatMap(v -> v.args().startsWith("[")
                ? jsonArray(v.args()).stream() : List.of(v.args().split("\\s+")).stream()).toList();
        String user = runtime.last("USER").map(u -> u.args().split(":")[0]).orElse("root");
        Map<String, Object> chorus = service(compose, CHORUS);
        Set<String> named = map(compose.get("volumes")).keySet();
        String set = environment(chorus).get("CHORUS_DATA_DIR");
        Pattern chown = Pattern.compile("chown\\s+(-\\S+\\s+)*" + Pattern.quote(user) + "(:\\S+)?\\s+(\\S+\\s+)*"
                + Pattern.quote(dataDir) + "/?(\\s|$)");
        return new Problems()
                .check(volumes.contains(dataDir), "VOLUME " + volumes + " does not hold CHORUS_DATA_DIR " + dataDir)
                // A new named volume copies the image directory's owner: chown before VOLUME or it is unwritable.
                .check(runtime.all("RUN").stream().anyMatch(r -> chown.matcher(r.args()).find()),
                        "no RUN chowns " + dataDir + " to USER " + user)
                .check(list(chorus.get("volumes")).stream().anyMatch(v -> v instanceof Map<?, ?> m
                        ? named.contains(String.valueOf(m.get("source"))) && dataDir.equals(m.get("target"))
                        : named.contains(String.valueOf(v).split(":")[0]) && String.valueOf(v).endsWith(":" + dataDir)),
                        "compose mounts no named volume at " + dataDir)
                .check(set == null || set.equals(dataDir), "compose sets CHORUS_DATA_DIR=" + set + ", outside the volume");
    }

    static List<String> userProblems(Stage runtime) {
        String user = runtime.last("USER").map(u -> u.args().split(":")[0].strip()).orElse("root");
        return new Problems().check(!Set.of("root", "0", "").contains(user), "runtime stage runs as root");
    }

    static List<String> javaVersionProblems(List<Stage> stages, String release) {
        Stage runtime = stages.get(stages.size() - 1);
        String from = runtime.all("COPY").stream().map(c -> Copy.parse(c.args()).from()).filter(f -> f != null)
                .findFirst().orElse("");
        String build = stages.stream().filter(s -> from.equals(s.name())).map(Stage::image).findFirst().orElse("(none)");
        // Temurin tags: 17-jdk, 17.0.12_7-jre-noble, ...
        String tag = ".*:" + release + "([._][0-9._+]*)?-%s([-.].*)?";
        return new Problems()
                .check(build.matches(String.format(Locale.ROOT, tag, "jdk")), "build stage " + build + " is not a JDK " + release)
                .check(runtime.image().matches(String.format(Locale.ROOT, tag, "jre")),
                        "runtime stage " + runtime.image() + " is not a JRE " + release);
    }

    static List<String> missingFromEnvExample(Set<String> read, Map<String, String> example) {
        return read.stream().filter(v -> !example.containsKey(v)).sorted().toList();
    }

    static List<String> dependencyProblems(Map<String, Object> compose) {
        String db = dbServiceName(compose);
        Object dependsOn = service(compose, CHORUS).get("depends_on");
        Object condition = dependsOn instanceof Map<?, ?> m && m.get(db) instanceof Map<?, ?> d ? d.get("condition") : null;
        Object test = map(service(compose, db).get("healthcheck")).get("test");
        return new Problems()
                .check("service_healthy".equals(condition), "chorus must depend on " + db + " with condition service_healthy")
                .check(test != null && !String.valueOf(test).contains("NONE"), db + " has no healthcheck to become healthy")
                .check(!service(compose, db).containsKey("ports"), db + " publishes ports; only chorus needs to reach it");
    }
}
