package social.chorus.app.config;

/** Where a setting's value came from, lowest precedence first. */
public enum ConfigSource {
    DEFAULT("default"),
    FILE("config file"),
    ENVIRONMENT("environment"),
    COMMAND_LINE("command line");

    private final String label;

    ConfigSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
