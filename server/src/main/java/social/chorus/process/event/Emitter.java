package social.chorus.process.event;

/**
 * Collects the events of one transaction. They are published only once it commits; a transaction
 * that rolls back (or is retried after a deadlock) publishes nothing of that attempt.
 */
@FunctionalInterface
public interface Emitter {
    void emit(DomainEvent event);

    /** For callers that publish nothing (tools, tests of a single rule). */
    Emitter NONE = event -> { };
}
