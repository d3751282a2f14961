package social.chorus.app;

/**
 * Chorus cannot start, for a reason the operator can fix. The message is one paragraph that says
 * what is wrong and what to check; it is printed without a stack trace.
 */
public final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public StartupException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
