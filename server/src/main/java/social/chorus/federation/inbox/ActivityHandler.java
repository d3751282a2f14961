package social.chorus.federation.inbox;

import org.jooq.DSLContext;
import social.chorus.process.event.Emitter;

/**
 * Handles one activity type. Runs inside the inbox transaction, after the signature, the origin
 * and the duplicate checks; checks what only it can know (is the object ours? is the sender
 * allowed?) and otherwise ignores what does not concern us, quietly.
 */
interface ActivityHandler {
    /** The ActivityStreams type this handler takes ({@code Follow}, {@code Undo}…). */
    String type();

    /** @param events where the handler announces what changed; published after the inbox transaction commits */
    void handle(DSLContext tx, Inbound inbound, Emitter events);

    /**
     * Runs after the transaction of {@link #handle} committed and before the sender gets its 202:
     * for work that must see the committed rows and must not hold the transaction open, such as
     * fetching from other servers. It must only start such work, never wait for it.
     */
    default void afterCommit(Inbound inbound) {
    }
}
