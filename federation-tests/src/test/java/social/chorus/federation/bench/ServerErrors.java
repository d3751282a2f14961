package social.chorus.federation.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * Counts the in-process server's ERROR log events by root cause while attached, so that a run
 * with 500s says why in its report (a 500's body only says "Internal Server Error").
 */
final class ServerErrors extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Map<String, Integer> causes = new TreeMap<>();
    private final Logger chorus;

    private ServerErrors(Logger chorus) {
        this.chorus = chorus;
    }

    /** Attached to the {@code social.chorus} logger until {@link #close()}. */
    static ServerErrors attach() {
        if (!(LoggerFactory.getLogger("social.chorus") instanceof Logger logger)) {
            throw new IllegalStateException("the benchmark expects logback as the SLF4J binding");
        }
        ServerErrors errors = new ServerErrors(logger);
        errors.setContext(logger.getLoggerContext());
        errors.start();
        logger.addAppender(errors);
        return errors;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.ERROR)) {
            return;
        }
        IThrowableProxy t = event.getThrowableProxy();
        while (t != null && t.getCause() != null) {
            t = t.getCause();
        }
        String cause = t == null ? event.getFormattedMessage() : t.getClassName() + ": " + t.getMessage();
        causes.merge(cause.replaceAll("\\(conn=\\d+\\) ", ""), 1, Integer::sum);
    }

    synchronized Map<String, Integer> causes() {
        return new TreeMap<>(causes);
    }

    @Override
    public void close() {
        chorus.detachAppender(this);
        stop();
    }
}
