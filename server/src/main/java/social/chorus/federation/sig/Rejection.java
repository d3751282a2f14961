package social.chorus.federation.sig;

/**
 * Internal control flow: thrown deep inside parsing or base building and turned into a {@link
 * SignatureFailure} at the public boundary. No stack trace, because rejecting garbage from the
 * network is routine and must stay cheap.
 */
final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;

    private final FailureReason reason;

    Rejection(FailureReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    FailureReason reason() {
        return reason;
    }

    SignatureFailure toFailure() {
        return new SignatureFailure(reason, getMessage());
    }
}
