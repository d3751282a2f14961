package social.chorus.app;

/** Process exit codes, documented in the README so that scripts and supervisors can tell failures apart. */
public enum ExitCode {
    OK(0),
    INTERNAL(1),
    USAGE(2),
    CONFIG(3),
    DATABASE_UNREACHABLE(4),
    MIGRATION_FAILED(5),
    PORT_IN_USE(6),
    COMMAND_FAILED(7);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
