package social.chorus.app.config;

/** A setting whose value cannot be used. The message names the key and what is allowed. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    static ConfigException invalid(ConfigValue value, String allowed) {
        String shown = value.setting().secret() ? "(hidden)" : "'" + value.raw() + "'";
        return new ConfigException(value.setting().key() + " is " + shown + " (from " + value.source().label()
                + "), which is not allowed. Allowed: " + allowed + ".");
    }
}
