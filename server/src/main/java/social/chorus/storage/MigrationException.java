package social.chorus.storage;

/** Pending migrations could not be applied, or the applied ones disagree with this version of Chorus. */
public final class MigrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
