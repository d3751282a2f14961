package social.chorus.app.config;

import java.util.regex.Pattern;

/** JDBC URL helpers that are safe to use in messages. */
public final class JdbcUrls {
    // MariaDB and H2 both accept credentials inside the URL; neither may reach a log.
    private static final Pattern PASSWORD_PARAM =
            Pattern.compile("(?i)((?:^|[?&;])password=)[^&;]*");

    private JdbcUrls() {
    }

    /** The URL with any password parameter replaced, for messages and logs. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        return PASSWORD_PARAM.matcher(url).replaceAll("$1***");
    }
}
