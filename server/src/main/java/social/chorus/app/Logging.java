package social.chorus.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Applies CHORUS_LOG_LEVEL to Chorus's own loggers; libraries keep the levels in logback.xml. */
final class Logging {
    private Logging() {
    }

    static void apply(String level) {
        if (LoggerFactory.getLogger("social.chorus") instanceof Logger chorus) {
            chorus.setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
