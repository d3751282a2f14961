package social.chorus.federation.delivery;

import java.util.Collection;
import org.jooq.DSLContext;
import social.chorus.federation.convert.OutgoingToAs;
import social.chorus.federation.convert.StatusToAs;
import social.chorus.model.OutgoingActivity;
import social.chorus.model.StatusActivity;
import social.chorus.process.Outbox;
import social.chorus.storage.DeliveryRepository;

/** Writes outgoing activities to the delivery queue in the caller's transaction; workers send them. */
public final class DeliveryOutbox implements Outbox {
    private final DeliveryRepository deliveries;
    private final OutgoingToAs toAs = new OutgoingToAs();
    private final StatusToAs statusToAs;

    public DeliveryOutbox(DeliveryRepository deliveries) {
        this(deliveries, null);
    }

    /** @param statusToAs how posts are written; null for an outbox that only sends follow traffic */
    public DeliveryOutbox(DeliveryRepository deliveries, StatusToAs statusToAs) {
        this.deliveries = deliveries;
        this.statusToAs = statusToAs;
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

    @Override
    public void enqueue(DSLContext tx, StatusActivity activity, Collection<String> inboxes) {
        if (inboxes.isEmpty()) {
            return;
        }
        if (statusToAs == null) {
            throw new IllegalStateException("this outbox was built without a status writer");
        }
        // One payload for every inbox: the same bytes are signed per delivery.
        String payload = statusToAs.activity(activity).encode();
        for (String inbox : inboxes) {
            deliveries.insert(tx, activity.actor().id(), inbox, activity.id(), payload);
        }
    }
}
