package social.chorus.federation.delivery;

import org.jooq.DSLContext;
import social.chorus.federation.convert.OutgoingToAs;
import social.chorus.model.OutgoingActivity;
import social.chorus.process.Outbox;
import social.chorus.storage.DeliveryRepository;

/** Writes outgoing activities to the delivery queue in the caller's transaction; workers send them. */
public final class DeliveryOutbox implements Outbox {
    private final DeliveryRepository deliveries;
    private final OutgoingToAs toAs = new OutgoingToAs();

    public DeliveryOutbox(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public void enqueue(DSLContext tx, OutgoingActivity activity) {
        String inbox = toAs.inboxOf(activity);
        if (inbox == null) {
            // A remote actor without any inbox cannot be told anything; storing the job would only fail later.
            return;
        }
        deliveries.insert(tx, activity.actor().id(), inbox, activity.id(), toAs.toJson(activity).encode());
    }
}
