package social.chorus.process;

/**
 * The one exception for errors a client may see: an HTTP status and a message that is safe to
 * show. The cause, if any, is logged, never sent.
 */
public final class ClientError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ClientError(int status, String safeMessage) {
        this(status, safeMessage, null);
    }

    public ClientError(int status, String safeMessage, Throwable cause) {
        super(safeMessage, cause);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ClientError notFound(String what) {
        return new ClientError(404, what + " not found");
    }

    public static ClientError badRequest(String why) {
        return new ClientError(400, why);
    }
}
