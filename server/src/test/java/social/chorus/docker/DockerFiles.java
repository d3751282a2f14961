package social.chorus.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.yaml.snakeyaml.Yaml;

/** Just enough parsing of a Dockerfile, a compose file and an env file for {@link DockerFilesTest}. */
final class DockerFiles {
    private DockerFiles() {
    }

    // ---------------------------------------------------------------- compose and env files

    static String dbServiceName(Map<String, Object> compose) {
        return map(compose.get("services")).entrySet().stream()
                .filter(e -> String.valueOf(map(e.getValue()).get("image")).startsWith("mariadb"))
                .map(Map.Entry::getKey).findFirst().orElse("(no mariadb service)");
    }

    static Map<String, Object> service(Map<String, Object> compose, String name) {
        return map(map(compose.get("services")).get(name));
    }

    /** Compose allows environment as a map or as a list of KEY=value. */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        map(service.get("environment")).forEach((k, v) -> env.put(k, v == null ? "" : String.valueOf(v)));
        list(service.get("environment")).stream().map(String::valueOf)
                .forEach(e -> env.put(e.split("=", 2)[0], e.contains("=") ? e.split("=", 2)[1] : ""));
        return env;
    }

    // ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, $NAME and $$ (a literal $).
    static final Pattern VAR =
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
            String replacement = m.group(5) != null ? "$" : !missing ? value : op == null ? ""
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

    static Map<String, String> parseEnvFile(String text) {
        Map<String, String> vars = new LinkedHashMap<>();
        text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && l.contains("="))
                .forEach(l -> vars.put(l.split("=", 2)[0].strip(), l.split("=", 2)[1].strip().replaceAll("^\"(.*)\"$", "$1")));
        return vars;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : Map.of();
    }

    static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> ? deepCopy(map(v)) : v));
        return copy;
    }

    // ---------------------------------------------------------------- Dockerfile

    record Instruction(String keyword, String args) {
    }

    record Stage(String image, String name, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Optional<Instruction> last(String keyword) {
            return all(keyword).stream().reduce((first, second) -> second);
        }
    }

    /** COPY [--flag ...] SRC... DEST (shell form; the JSON form is not used here). */
    record Copy(String from, List<String> sources, String dest) {
        static Copy parse(String args) {
            List<String> words = new ArrayList<>(List.of(args.split("\\s+")));
            String from = null;
            while (!words.isEmpty() && words.get(0).startsWith("--")) {
                String flag = words.remove(0);
                from = flag.startsWith("--from=") ? flag.substring("--from=".length()) : from;
            }
            return new Copy(from, words.subList(0, Math.max(0, words.size() - 1)), words.isEmpty() ? "" : words.get(words.size() - 1));
        }
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

    /** ENV KEY=value ... (the legacy "ENV KEY value" form is not used here). */
    static Map<String, String> dockerEnv(Stage stage) {
        Map<String, String> env = new LinkedHashMap<>();
        stage.all("ENV").stream().flatMap(i -> List.of(i.args().split("\\s+")).stream()).filter(w -> w.contains("="))
                .forEach(w -> env.put(w.split("=", 2)[0], w.split("=", 2)[1].replaceAll("^\"(.*)\"$", "$1")));
        return env;
    }

    /** Shell form would run java under /bin/sh -c, which does not pass SIGTERM on: only exec form counts. */
    static List<String> execForm(Optional<Instruction> i) {
        String args = i.map(Instruction::args).orElse("");
        return args.startsWith("[") ? jsonArray(args) : List.of();
    }

    /** A JSON array of strings is also YAML, and SnakeYAML is already here. */
    static List<String> jsonArray(String json) {
        return list(new Yaml().load(json)).stream().map(String::valueOf).toList();
    }

    // ---------------------------------------------------------------- files

    static String xpath(Path pom, String expression) {
        try {
            return XPathFactory.newInstance().newXPath().evaluate(expression,
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())).strip();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + pom + ": " + e, e);
        }
    }

    /** Surefire passes the reactor root; an IDE run falls back to walking up from the working dir. */
    static Path repoRoot() {
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
