package social.chorus.process;

import java.util.Collection;
import org.jooq.DSLContext;
import social.chorus.model.ActorUpdate;
import social.chorus.model.BoostActivity;
import social.chorus.model.OutgoingActivity;
import social.chorus.model.PinActivity;
import social.chorus.model.StatusActivity;

/**
 * Where the process layer puts activities for other servers. Implementations write the delivery
 * inside the caller's transaction: if the change commits, the delivery is stored with it, and a
 * crash between commit and send loses nothing.
 */
public interface Outbox {
    void enqueue(DSLContext tx, OutgoingActivity activity);

    /** One delivery of a post's activity per inbox (the caller has already deduplicated them). */
    void enqueue(DSLContext tx, StatusActivity activity, Collection<String> inboxes);

    /** One delivery of an actor's profile update per inbox (already deduplicated). */
    void enqueue(DSLContext tx, ActorUpdate update, Collection<String> inboxes);

    /** One delivery of a boost's Announce or its Undo per inbox (already deduplicated). */
    void enqueue(DSLContext tx, BoostActivity activity, Collection<String> inboxes);

    /** One delivery of a pin's Add or an unpin's Remove per inbox (already deduplicated). */
    void enqueue(DSLContext tx, PinActivity activity, Collection<String> inboxes);
}
