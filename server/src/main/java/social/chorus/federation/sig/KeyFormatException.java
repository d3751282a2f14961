package social.chorus.federation.sig;

/** A key that cannot be read: bad PEM, unknown algorithm, wrong length, bad multibase. */
public final class KeyFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public KeyFormatException(String message) {
        super(message);
    }

    public KeyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
