package social.chorus.federation.delivery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import org.jooq.DSLContext;
import social.chorus.federation.convert.AccountToAs;
import social.chorus.federation.convert.OutgoingToAs;
import social.chorus.federation.convert.StatusToAs;
import social.chorus.model.ActorUpdate;
import social.chorus.model.BoostActivity;
import social.chorus.model.LocalIds;
import social.chorus.model.OutgoingActivity;
import social.chorus.model.PinActivity;
import social.chorus.model.StatusActivity;
import social.chorus.process.Outbox;
import social.chorus.storage.Db;
import social.chorus.storage.DeliveryRepository;

/** Writes outgoing activities to the delivery queue in the caller's transaction; workers send them. */
public final class DeliveryOutbox implements Outbox {
    private final DeliveryRepository deliveries;
    private final OutgoingToAs toAs = new OutgoingToAs();
    private final StatusToAs statusToAs;
    private final AccountToAs accountToAs;
    private final Runnable queued;

    /** An outbox that only sends follow traffic (Follow, Accept, Reject, Block, Like and their Undo). */
    public DeliveryOutbox(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
        this.statusToAs = null;
        this.accountToAs = null;
        this.queued = () -> { };
    }

    /**
     * @param ids this instance's ids, for the posts, actors and collections the activities name
     * @param localDomain the domain in local accounts' handles ({@code @user@domain} mentions)
     * @param queued told after the transaction that queued deliveries commits (wakes the worker)
     */
    public DeliveryOutbox(DeliveryRepository deliveries, LocalIds ids, String localDomain, Runnable queued) {
        this.deliveries = deliveries;
        this.statusToAs = new StatusToAs(ids, localDomain);
        this.accountToAs = new AccountToAs(ids);
        this.queued = queued;
    }

    @Override
    public void enqueue(DSLContext tx, OutgoingActivity activity) {
        String inbox = toAs.inboxOf(activity);
        if (inbox == null) {
            // A remote actor without any inbox cannot be told anything; storing the job would only fail later.
            return;
        }
        deliveries.insert(tx, activity.actor().id(), inbox, activity.id(), toAs.toJson(activity).encode());
        Db.afterCommit(tx, queued);
    }

    @Override
    public void enqueue(DSLContext tx, ActorUpdate update, Collection<String> inboxes) {
        if (inboxes.isEmpty()) {
            return;
        }
        if (accountToAs == null) {
            throw new IllegalStateException("this outbox was built without an actor writer");
        }
        // Mastodon's shape: the whole actor embedded, addressed to the public, so every server that
        // holds a copy replaces it (names, summary, keys, endpoints) without fetching.
        JsonObject actor = accountToAs.actor(update.actor(), AccountToAs.View.FULL);
        JsonObject activity = new JsonObject().put("@context", actor.getValue("@context")).put("id", update.id())
                .put("type", "Update").put("actor", update.actor().uri())
                .put("to", new JsonArray().add("https://www.w3.org/ns/activitystreams#Public"))
                .put("object", actor.copy());
        activity.getJsonObject("object").remove("@context"); // the activity's context covers it
        String payload = activity.encode();
        deliveries.insertAll(tx, update.actor().id(), inboxes, update.id(), payload);
        Db.afterCommit(tx, queued);
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
        deliveries.insertAll(tx, activity.actor().id(), inboxes, activity.id(), payload);
        Db.afterCommit(tx, queued);
    }

    @Override
    public void enqueue(DSLContext tx, BoostActivity activity, Collection<String> inboxes) {
        if (inboxes.isEmpty()) {
            return;
        }
        if (statusToAs == null) {
            throw new IllegalStateException("this outbox was built without a status writer");
        }
        String payload = statusToAs.boost(activity).encode();
        deliveries.insertAll(tx, activity.actor().id(), inboxes, activity.id(), payload);
        Db.afterCommit(tx, queued);
    }

    @Override
    public void enqueue(DSLContext tx, PinActivity activity, Collection<String> inboxes) {
        if (inboxes.isEmpty()) {
            return;
        }
        if (statusToAs == null) {
            throw new IllegalStateException("this outbox was built without a status writer");
        }
        deliveries.insertAll(tx, activity.actor().id(), inboxes, activity.id(), statusToAs.pin(activity).encode());
        Db.afterCommit(tx, queued);
    }
}
