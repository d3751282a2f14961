package social.chorus.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a config file: {@code KEY=value} lines, blank lines and {@code #} comments, optional quotes
 * around the value. It is the env-file format Docker reads, so one file serves both.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    static Map<Setting, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("Cannot read the config file " + file + " (" + Setting.CONFIG.key()
                    + " or --config): " + describe(e) + ".");
        }
        Map<Setting, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("Config file " + file + ", line " + (i + 1)
                        + ": expected KEY=value, for example CHORUS_DOMAIN=social.example.");
            }
            String key = line.substring(0, eq).strip();
            if (key.startsWith("export ")) {
                key = key.substring("export ".length()).strip();
            }
            String name = key;
            Setting setting = Setting.byKey(name).orElseThrow(() -> new ConfigException("Config file " + file
                    + " names an unknown setting " + name + ". Known settings: " + knownKeys() + "."));
            if (setting == Setting.CONFIG) {
                throw new ConfigException("Config file " + file + " sets " + Setting.CONFIG.key()
                        + "; a config file cannot name another config file.");
            }
            values.put(setting, unquote(line.substring(eq + 1).strip()));
        }
        return values;
    }

    static String knownKeys() {
        StringBuilder keys = new StringBuilder();
        for (Setting s : Setting.values()) {
            keys.append(keys.length() == 0 ? "" : ", ").append(s.key());
        }
        return keys.toString();
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            char last = value.charAt(value.length() - 1);
            if ((first == '"' || first == '\'') && first == last) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
