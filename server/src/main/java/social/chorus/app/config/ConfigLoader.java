package social.chorus.app.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the configuration from built-in defaults, then an optional config file, then the
 * environment (each overriding the one before), and validates every value. The environment is
 * passed in, never read from a global, so tests can give their own.
 */
public final class ConfigLoader {
    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** The result: the config, every raw value with its source, and warnings worth logging. */
    public record Loaded(ChorusConfig config, List<ConfigValue> values, List<String> warnings) {
    }

    /**
     * @param configFileArg the {@code --config} argument, which wins over {@code CHORUS_CONFIG}
     * @throws ConfigException naming the setting and what it allows
     */
    public Loaded load(Optional<Path> configFileArg) {
        Map<Setting, ConfigValue> given = new EnumMap<>(Setting.class);
        Optional<Path> file = configFileArg.or(() -> Optional.ofNullable(env.get(Setting.CONFIG.key()))
                .filter(s -> !s.isBlank()).map(Path::of));
        file.ifPresent(path -> {
            ConfigFile.read(path).forEach((s, v) -> given.put(s, new ConfigValue(s, v, ConfigSource.FILE)));
            given.put(Setting.CONFIG, new ConfigValue(Setting.CONFIG, path.toString(),
                    configFileArg.isPresent() ? ConfigSource.COMMAND_LINE : ConfigSource.ENVIRONMENT));
        });
        List<String> warnings = new ArrayList<>();
        env.forEach((key, value) -> {
            Optional<Setting> setting = Setting.byKey(key);
            if (setting.isPresent() && setting.get() != Setting.CONFIG) {
                given.put(setting.get(), new ConfigValue(setting.get(), value, ConfigSource.ENVIRONMENT));
            } else if (setting.isEmpty() && key.startsWith("CHORUS_") && !key.startsWith("CHORUS_TEST_")) {
                warnings.add("Unknown setting " + key + " in the environment is ignored.");
            }
        });
        Collections.sort(warnings);
        ConfigResolver resolver = new ConfigResolver(given);
        ChorusConfig config = resolver.resolve();
        return new Loaded(config, resolver.effectiveValues(), List.copyOf(warnings));
    }
}
