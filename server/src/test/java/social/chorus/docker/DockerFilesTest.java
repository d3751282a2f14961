package social.chorus.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import social.chorus.app.config.ChorusConfig;
import social.chorus.app.config.ConfigLoader;
import social.chorus.app.config.Setting;

/**
 * docker/ restates facts about the application (setting names, jar name, port, health path, data
 * dir, Java version) in languages nothing compiles against the code, so they drift silently. These
 * checks fail when they do. Each check is a helper that takes parsed content and returns problems,
 * so tests can also feed it broken input and prove that it catches it.
 */
class DockerFilesTest {
    private static final String CHORUS = "chorus";
    private static Path root;
    private static List<Stage> stages;
    private static Map<String, Object> compose;
    private static Map<String, String> envExample;
    private static int defaultPort;

    @BeforeAll
    static void load() throws IOException {
        root = repoRoot();
        stages = parseDockerfile(Files.readString(root.resolve("docker/Dockerfile")));
        compose = new Yaml().load(Files.readString(root.resolve("docker/docker-compose.yml")));
        envExample = parseEnvFile(Files.readString(root.resolve("docker/.env.example")));
        // The default the image must match: what Chorus listens on when nothing is configured.
        defaultPort = new ConfigLoader(Map.of()).load(Optional.empty()).config().httpPort();
    }

    // ---------------------------------------------------------------- tests

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
        environmentOf(service(broken, CHORUS)).put("CHORUS_DB_URL", "jdbc:mariadb://mariadb:3306/other");
        assertThat(dbProblems(broken, envExample)).anyMatch(p -> p.contains("database"));
    }

    @Test
    void dockerfileBuildsAndRunsTheShadedJar() {
        String finalName = xpath(root.resolve("server/pom.xml"),
                "//plugin[artifactId='maven-shade-plugin']//finalName");
        assertThat(finalName).as("shade <finalName> in server/pom.xml").isNotBlank();
        assertThat(jarProblems(stages, finalName)).isEmpty();
    }

    @Test
    void exposedAndPublishedPortIsTheDefaultHttpPort() {
        assertThat(portProblems(runtime(stages), service(compose, CHORUS), defaultPort)).isEmpty();
    }

    @Test
    void healthcheckProbesHealthzOnTheHttpPort() {
        assertThat(healthProblems(runtime(stages), defaultPort)).isEmpty();
    }

    @Test
    void dataVolumeIsTheConfiguredDataDir() {
        assertThat(volumeProblems(runtime(stages), compose)).isEmpty();
    }

    @Test
    void runtimeRunsAsNonRootUser() {
        assertThat(userProblems(runtime(stages))).isEmpty();
    }

    @Test
    void imagesUseTheJavaReleaseThePomCompilesFor() {
        String release = xpath(root.resolve("pom.xml"), "/project/properties/maven.compiler.release");
        assertThat(javaVersionProblems(stages, release)).isEmpty();
    }

    @Test
    void buildContextHoldsEverythingTheDockerfileCopies() throws IOException {
        assertThat(contextProblems(stages, root, Files.readAllLines(root.resolve(".dockerignore")))).isEmpty();
    }

    @Test
    void everyComposeVariableIsInEnvExample() {
        assertThat(missingFromEnvExample(variablesRead(compose), envExample)).isEmpty();
        assertThat(missingFromEnvExample(Set.of("CHORUS_NEW_KNOB"), envExample)).containsExactly("CHORUS_NEW_KNOB");
    }

    @Test
    void chorusWaitsForHealthyMariadb() {
        assertThat(dependencyProblems(compose)).isEmpty();
    }

    /** The whole chain: the container environment built from .env.example is valid Chorus config. */
    @Test
    void exampleEnvironmentIsAcceptedByTheApplication() {
        Map<String, String> env = containerEnvironment(runtime(stages), compose, envExample);
        ConfigLoader.Loaded loaded = new ConfigLoader(env).load(Optional.empty());
        ChorusConfig config = loaded.config();
        assertThat(loaded.warnings()).isEmpty();
        assertThat(config.db().url()).startsWith("jdbc:mariadb://");
        assertThat(config.httpPort()).isEqualTo(defaultPort);
        assertThat(config.dataDir()).isEqualTo(Path.of(dockerEnv(runtime(stages)).get("CHORUS_DATA_DIR")));
        // Docker SIGKILLs after stop_grace_period; the server must be done draining by then.
        assertThat(seconds(String.valueOf(service(compose, CHORUS).get("stop_grace_period"))))
                .isGreaterThan(config.shutdownGraceSeconds());
    }

    // ---------------------------------------------------------------- checks

    static List<String> unknownSettings(Map<String, String> env) {
        return env.keySet().stream().filter(k -> Setting.byKey(k).isEmpty())
                .map(k -> k + " is not a Chorus setting (see Setting.java); Chorus would ignore it").toList();
    }

    static List<String> dbProblems(Map<String, Object> compose, Map<String, String> vars) {
        List<String> problems = new ArrayList<>();
        Map<String, String> env = environment(service(compose, CHORUS));
        Matcher url = Pattern.compile("jdbc:mariadb://([^:/]+)(?::(\\d+))?/([^?;]+).*")
                .matcher(env.getOrDefault("CHORUS_DB_URL", ""));
        String dbService = dbServiceName(compose);
        if (!url.matches()) {
            return List.of("CHORUS_DB_URL is not jdbc:mariadb://HOST:PORT/DB: " + env.get("CHORUS_DB_URL"));
        }
        if (!url.group(1).equals(dbService)) {
            problems.add("CHORUS_DB_URL host " + url.group(1) + " is not the MariaDB service " + dbService);
        }
        if (url.group(2) != null && !url.group(2).equals("3306")) {
            problems.add("CHORUS_DB_URL port " + url.group(2) + " is not MariaDB's 3306");
        }
        Map<String, String> db = environment(service(compose, dbService));
        sameSource("database", url.group(3), db.get("MARIADB_DATABASE"), vars, problems);
        sameSource("user", env.get("CHORUS_DB_USER"), db.get("MARIADB_USER"), vars, problems);
        sameSource("password", env.get("CHORUS_DB_PASSWORD"), db.get("MARIADB_PASSWORD"), vars, problems);
        return problems;
    }

    /** Same variables, and equal both with .env.example and with nothing set (so defaults agree too). */
    private static void sameSource(String what, String chorus, String mariadb, Map<String, String> vars,
            List<String> problems) {
        if (chorus == null || mariadb == null || !variablesIn(chorus).equals(variablesIn(mariadb))
                || !interpolate(chorus, vars).equals(interpolate(mariadb, vars))
                || !interpolate(chorus, Map.of()).equals(interpolate(mariadb, Map.of()))) {
            problems.add("Chorus's " + what + " (" + chorus + ") differs from MariaDB's (" + mariadb + ")");
        }
    }

    static List<String> jarProblems(List<Stage> stages, String finalName) {
        Stage runtime = runtime(stages);
        for (Instruction copy : runtime.all("COPY")) {
            Copy c = Copy.parse(copy.args());
            Optional<Stage> from = stages.stream().filter(s -> s.name() != null && s.name().equals(c.from())).findFirst();
            String jar = "server/target/" + finalName + ".jar";
            if (from.isEmpty() || c.sources().size() != 1 || !c.sources().get(0).endsWith(jar)) {
                continue;
            }
            List<String> problems = new ArrayList<>();
            String built = Path.of(from.get().last("WORKDIR").map(Instruction::args).orElse("/")).resolve(jar).toString();
            if (!Path.of(c.sources().get(0)).equals(Path.of(built))) {
                problems.add("jar copied from " + c.sources().get(0) + " but the build stage builds " + built);
            }
            String dest = c.dest().endsWith("/") ? c.dest() + finalName + ".jar" : c.dest();
            List<String> command = execForm(runtime.last("ENTRYPOINT").or(() -> runtime.last("CMD")));
            int jarFlag = command.indexOf("-jar");
            if (command.isEmpty() || !command.get(0).equals("java") || jarFlag < 0 || jarFlag + 1 >= command.size()
                    || !command.get(jarFlag + 1).equals(dest)) {
                problems.add("ENTRYPOINT must be exec form [\"java\", ..., \"-jar\", \"" + dest + "\"], is " + command);
            }
            return problems;
        }
        return List.of("runtime stage never copies " + finalName + ".jar from server/target of a build stage");
    }

    static List<String> portProblems(Stage runtime, Map<String, Object> chorus, int port) {
        List<String> problems = new ArrayList<>();
        List<String> exposed = runtime.all("EXPOSE").stream()
                .flatMap(i -> List.of(i.args().split("\\s+")).stream()).map(p -> p.replace("/tcp", "")).toList();
        if (!exposed.equals(List.of(String.valueOf(port)))) {
            problems.add("EXPOSE " + exposed + " is not the default HTTP port " + port);
        }
        for (Object p : list(chorus.get("ports"))) {
            String target = p instanceof Map<?, ?> m ? String.valueOf(m.get("target"))
                    : String.valueOf(p).replaceAll("^.*:", "").replace("/tcp", "");
            if (!target.equals(String.valueOf(port))) {
                problems.add("compose publishes container port " + target + ", Chorus listens on " + port);
            }
        }
        // EXPOSE and HEALTHCHECK are fixed in the image, so compose must not move the port.
        String set = environment(chorus).get("CHORUS_HTTP_PORT");
        if (set != null && !set.equals(String.valueOf(port))) {
            problems.add("compose sets CHORUS_HTTP_PORT=" + set + " but the image assumes " + port);
        }
        return problems;
    }

    static List<String> healthProblems(Stage runtime, int port) {
        Optional<Instruction> hc = runtime.last("HEALTHCHECK");
        Matcher cmd = Pattern.compile("(?:^|\\s)CMD\\s+(\\S+).*?(https?://[^\\s\"'|]+)").matcher(hc.map(Instruction::args).orElse(""));
        if (!cmd.find()) {
            return List.of("no HEALTHCHECK CMD with an http URL in the runtime stage");
        }
        List<String> problems = new ArrayList<>();
        URI uri = URI.create(cmd.group(2));
        if (!Set.of("127.0.0.1", "localhost").contains(uri.getHost()) || uri.getPort() != port
                || !"/healthz".equals(uri.getPath())) {
            problems.add("HEALTHCHECK probes " + uri + ", expected http://127.0.0.1:" + port + "/healthz");
        }
        // Temurin JRE images no longer ship curl/wget: the probe tool must be installed here.
        String tool = cmd.group(1);
        if (runtime.all("RUN").stream().noneMatch(r -> r.args().contains("install") && r.args().contains(" " + tool))) {
            problems.add("HEALTHCHECK uses " + tool + " but no RUN in the runtime stage installs it");
        }
        return problems;
    }

    static List<String> volumeProblems(Stage runtime, Map<String, Object> compose) {
        List<String> problems = new ArrayList<>();
        String dataDir = dockerEnv(runtime).get("CHORUS_DATA_DIR");
        if (dataDir == null) {
            return List.of("runtime stage sets no ENV CHORUS_DATA_DIR (the default, ./data, is not a volume)");
        }
        List<String> volumes = runtime.all("VOLUME").stream().flatMap(v -> v.args().startsWith("[")
                ? new JsonArray(v.args()).stream().map(String::valueOf) : List.of(v.args().split("\\s+")).stream()).toList();
        if (!volumes.contains(dataDir)) {
            problems.add("VOLUME " + volumes + " does not hold CHORUS_DATA_DIR " + dataDir);
        }
        String user = runtime.last("USER").map(u -> u.args().split(":")[0]).orElse("root");
        if (runtime.all("RUN").stream().noneMatch(r -> r.args().contains("chown") && r.args().contains(dataDir)
                && r.args().contains(user))) {
            problems.add("no RUN chowns " + dataDir + " to USER " + user + ", so a new volume is not writable");
        }
        Map<String, Object> chorus = service(compose, CHORUS);
        Set<String> named = map(compose.getOrDefault("volumes", Map.of())).keySet();
        boolean mounted = list(chorus.get("volumes")).stream().anyMatch(v -> v instanceof Map<?, ?> m
                ? named.contains(String.valueOf(m.get("source"))) && dataDir.equals(m.get("target"))
                : String.valueOf(v).split(":").length > 1 && named.contains(String.valueOf(v).split(":")[0])
                        && String.valueOf(v).split(":")[1].equals(dataDir));
        if (!mounted) {
            problems.add("compose mounts no named volume at " + dataDir);
        }
        String set = environment(chorus).get("CHORUS_DATA_DIR");
        if (set != null && !set.equals(dataDir)) {
            problems.add("compose sets CHORUS_DATA_DIR=" + set + ", outside the volume " + dataDir);
        }
        return problems;
    }

    static List<String> userProblems(Stage runtime) {
        String user = runtime.last("USER").map(u -> u.args().split(":")[0].strip()).orElse("root");
        return Set.of("root", "0", "").contains(user) ? List.of("runtime stage runs as root") : List.of();
    }

    static List<String> javaVersionProblems(List<Stage> stages, String release) {
        List<String> problems = new ArrayList<>();
        String from = Copy.parse(runtime(stages).all("COPY").stream().filter(c -> c.args().contains("--from="))
                .findFirst().map(Instruction::args).orElse("x y")).from();
        String build = stages.stream().filter(s -> from != null && from.equals(s.name())).map(Stage::image)
                .findFirst().orElse("(no build stage)");
        for (String[] want : new String[][] {{build, "jdk"}, {runtime(stages).image(), "jre"}}) {
            if (!want[0].matches(".*:" + release + "([._][0-9._+]*)?-" + want[1] + "([-.].*)?")) {
                problems.add(want[0] + " is not a Java " + release + " " + want[1].toUpperCase(Locale.ROOT) + " image");
            }
        }
        return problems;
    }

    static List<String> contextProblems(List<Stage> stages, Path root, List<String> dockerignore) {
        List<String> problems = new ArrayList<>();
        for (Stage stage : stages) {
            for (Instruction i : stage.all("COPY")) {
                Copy c = Copy.parse(i.args());
                for (String src : c.from() == null ? c.sources() : List.<String>of()) {
                    Path p = Path.of(src.replaceAll("/+$", ""));
                    if (!Files.exists(root.resolve(p))) {
                        problems.add("COPY " + src + ": no such path in the repository");
                    }
                    dockerignore.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("!"))
                            .filter(l -> FileSystems.getDefault().getPathMatcher("glob:" + l.replaceAll("^/|/$", "")).matches(p))
                            .forEach(l -> problems.add("COPY " + src + " is excluded by .dockerignore line " + l));
                }
            }
        }
        return problems;
    }

    static List<String> missingFromEnvExample(Set<String> read, Map<String, String> example) {
        return read.stream().filter(v -> !example.containsKey(v)).sorted().toList();
    }

    static List<String> dependencyProblems(Map<String, Object> compose) {
        List<String> problems = new ArrayList<>();
        String db = dbServiceName(compose);
        Object dependsOn = service(compose, CHORUS).get("depends_on");
        Object condition = dependsOn instanceof Map<?, ?> m && m.get(db) instanceof Map<?, ?> d ? d.get("condition") : null;
        if (!"service_healthy".equals(condition)) {
            problems.add("chorus must depend on " + db + " with condition service_healthy");
        }
        Object test = map(service(compose, db).getOrDefault("healthcheck", Map.of())).get("test");
        if (test == null || String.valueOf(test).contains("NONE")) {
            problems.add(db + " has no healthcheck, so service_healthy never holds");
        }
        if (service(compose, db).containsKey("ports")) {
            problems.add(db + " publishes ports; only chorus needs to reach it");
        }
        return problems;
    }

    // ---------------------------------------------------------------- compose and env helpers

    private static String dbServiceName(Map<String, Object> compose) {
        return map(compose.get("services")).entrySet().stream()
                .filter(e -> String.valueOf(map(e.getValue()).get("image")).startsWith("mariadb"))
                .map(Map.Entry::getKey).findFirst().orElse("(no mariadb service)");
    }

    static Map<String, Object> service(Map<String, Object> compose, String name) {
        return map(map(compose.get("services")).getOrDefault(name, Map.of()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environmentOf(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }

    /** Compose allows environment as a map or as a list of KEY=value. */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else {
            list(raw).forEach(e -> env.put(String.valueOf(e).split("=", 2)[0], String.valueOf(e).contains("=")
                    ? String.valueOf(e).split("=", 2)[1] : ""));
        }
        return env;
    }

    /** What the process sees: the image's ENV, overridden by compose, interpolated from .env. */
    static Map<String, String> containerEnvironment(Stage runtime, Map<String, Object> compose, Map<String, String> vars) {
        Map<String, String> env = new HashMap<>(dockerEnv(runtime));
        environment(service(compose, CHORUS)).forEach((k, v) -> env.put(k, interpolate(v, vars)));
        return env;
    }

    // ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, $NAME and $$ (a literal $).
    private static final Pattern VAR =
            Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*)|(\\$))");

    /** Compose interpolation; a missing required variable becomes a marker, so defaults can be compared. */
    static String interpolate(String s, Map<String, String> vars) {
        Matcher m = VAR.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(4);
            String op = m.group(2);
            String value = name == null ? null : vars.get(name);
            boolean missing = value == null || op != null && op.startsWith(":") && value.isEmpty();
            String replacement = m.group(5) != null ? "$"
                    : !missing ? value
                    : op == null ? ""
                    : op.endsWith("-") ? m.group(3) : "<required " + name + ">";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    static Set<String> variablesIn(String s) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VAR.matcher(s);
        while (m.find()) {
            Optional.ofNullable(m.group(1) != null ? m.group(1) : m.group(4)).ifPresent(names::add);
        }
        return names;
    }

    /** Every variable anywhere in the parsed file (comments are already gone). */
    static Set<String> variablesRead(Object node) {
        Set<String> names = new LinkedHashSet<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                names.addAll(variablesRead(k));
                names.addAll(variablesRead(v));
            });
        } else if (node instanceof List<?> l) {
            l.forEach(e -> names.addAll(variablesRead(e)));
        } else if (node instanceof String s) {
            names.addAll(variablesIn(s));
        }
        return names;
    }

    static Map<String, String> parseEnvFile(String text) {
        Map<String, String> vars = new LinkedHashMap<>();
        text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && l.contains("="))
                .forEach(l -> vars.put(l.split("=", 2)[0].strip(), l.split("=", 2)[1].strip().replaceAll("^\"(.*)\"$", "$1")));
        return vars;
    }

    private static int seconds(String duration) {
        Matcher m = Pattern.compile("(\\d+)([hms])").matcher(duration);
        int total = 0;
        while (m.find()) {
            total += Integer.parseInt(m.group(1)) * switch (m.group(2)) { case "h" -> 3600; case "m" -> 60; default -> 1; };
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> sub ? deepCopy((Map<String, Object>) sub) : v));
        return copy;
    }

    // ---------------------------------------------------------------- Dockerfile helpers

    record Instruction(String keyword, String args) {
    }

    record Stage(String image, String name, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> all = all(keyword);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }
    }

    record Copy(String from, List<String> sources, String dest) {
        static Copy parse(String args) {
            List<String> words = new ArrayList<>(List.of(args.split("\\s+")));
            String from = null;
            while (!words.isEmpty() && words.get(0).startsWith("--")) {
                String flag = words.remove(0);
                from = flag.startsWith("--from=") ? flag.substring("--from=".length()) : from;
            }
            if (!words.isEmpty() && words.get(0).startsWith("[")) {
                words = new JsonArray(String.join(" ", words)).stream().map(String::valueOf).toList();
            }
            return new Copy(from, words.subList(0, Math.max(0, words.size() - 1)), words.isEmpty() ? "" : words.get(words.size() - 1));
        }
    }

    static Stage runtime(List<Stage> stages) {
        return stages.get(stages.size() - 1);
    }

    /** Enough of the Dockerfile grammar for these checks: comments, line continuations, stages. */
    static List<Stage> parseDockerfile(String text) {
        List<Stage> stages = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (t.startsWith("#") || t.isEmpty()) {
                continue;
            }
            if (t.endsWith("\\")) {
                logical.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            String[] words = logical.append(t).toString().strip().split("\\s+", 2);
            logical.setLength(0);
            String keyword = words[0].toUpperCase(Locale.ROOT);
            String args = words.length > 1 ? words[1].strip() : "";
            if (keyword.equals("FROM")) {
                List<String> from = List.of(args.replaceAll("--\\S+\\s*", "").split("\\s+"));
                stages.add(new Stage(from.get(0), from.size() >= 3 ? from.get(2) : null, new ArrayList<>()));
            } else if (!stages.isEmpty()) {
                stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, args));
            }
        }
        return stages;
    }

    /** ENV KEY=value ... or the old ENV KEY value. */
    static Map<String, String> dockerEnv(Stage stage) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Instruction i : stage.all("ENV")) {
            String[] words = i.args().split("\\s+");
            if (!words[0].contains("=")) {
                env.put(words[0], i.args().substring(words[0].length()).strip());
            } else {
                for (String w : words) {
                    env.put(w.split("=", 2)[0], w.split("=", 2)[1].replaceAll("^\"(.*)\"$", "$1"));
                }
            }
        }
        return env;
    }

    private static List<String> execForm(Optional<Instruction> i) {
        String args = i.map(Instruction::args).orElse("");
        // Shell form would run under /bin/sh -c, which does not pass SIGTERM on to java.
        return args.startsWith("[") ? new JsonArray(args).stream().map(String::valueOf).toList() : List.of();
    }

    // ---------------------------------------------------------------- files

    private static String xpath(Path pom, String expression) {
        try {
            return XPathFactory.newInstance().newXPath().evaluate(expression,
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())).strip();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + pom + ": " + e, e);
        }
    }

    /** Surefire passes the reactor root; an IDE run falls back to walking up from the working dir. */
    private static Path repoRoot() {
        String configured = System.getProperty("chorus.repoRoot");
        Path start = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("");
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("docker")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("No repository root (a directory with docker/ and pom.xml) above " + start);
    }
}
