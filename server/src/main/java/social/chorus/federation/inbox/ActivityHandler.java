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
}
