package social.chorus.process;

import org.jooq.DSLContext;
import social.chorus.model.OutgoingActivity;

/**
 * Where the process layer puts activities for other servers. Implementations write the delivery
 * inside the caller's transaction: if the change commits, the delivery is stored with it, and a
 * crash between commit and send loses nothing.
 */
@FunctionalInterface
public interface Outbox {
    void enqueue(DSLContext tx, OutgoingActivity activity);
}
