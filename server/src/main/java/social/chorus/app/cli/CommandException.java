package social.chorus.app.cli;

/** An admin command could not do what was asked; the message says why, for the operator. */
final class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandException(String message) {
        super(message);
    }
}
