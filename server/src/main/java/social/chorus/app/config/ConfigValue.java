package social.chorus.app.config;

/** One raw setting as given, before it is parsed, with where it came from. */
public record ConfigValue(Setting setting, String raw, ConfigSource source) {
    @Override
    public String toString() {
        return setting.key() + "=" + (setting.secret() ? "(hidden)" : raw) + " [" + source.label() + "]";
    }
}
