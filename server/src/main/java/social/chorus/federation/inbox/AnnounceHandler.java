package social.chorus.federation.inbox;

import java.util.Optional;
import org.jooq.DSLContext;
import social.chorus.process.event.DomainEvent;
import social.chorus.process.event.Emitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.federation.vocab.AsActivity;
import social.chorus.federation.vocab.AsDocument;
import social.chorus.federation.vocab.Vocab;
import social.chorus.model.Interaction;
import social.chorus.model.Account;
import social.chorus.model.Visibility;
import social.chorus.process.interaction.InboundInteractions;

/**
 * {@code Announce} (a boost) of a status stored here, by id or embedded (an embedded copy is
 * only used for its id: the booster is not its author, so its content is not trusted). The
 * boost's visibility comes from the Announce's addressing: Public in to → public, in cc →
 * unlisted, otherwise followers-only.
 *
 * <p>An Announce that wraps an activity — a Lemmy community relaying a member's Create, Like or
 * Delete, WordPress announcing its own Update — is ignored: the inner activity is signed by no
 * one we could check without fetching it from its origin, which comes with group support. An
 * Announce of a status we do not have is ignored too, in {@link #unknownObject}.
 */
final class AnnounceHandler implements ActivityHandler {
    private static final Logger log = LoggerFactory.getLogger(AnnounceHandler.class);

    private final InboundInteractions interactions;

    AnnounceHandler(InboundInteractions interactions) {
        this.interactions = interactions;
    }

    @Override
    public String type() {
        return "Announce";
    }

    @Override
    public void handle(DSLContext tx, Inbound in, Emitter events) {
        AsActivity a = in.activity();
        if (a.object() == null || a.objectId() == null) {
            return;
        }
        Optional<AsDocument> embedded = a.object().embedded();
        if (embedded.isPresent() && embedded.get().kind() == AsDocument.Kind.ACTIVITY) {
            log.debug("Ignored {} from {}: a relayed {}", a.id(), in.sender().acct(), embedded.get().type());
            return;
        }
        InboundInteractions.Announce boost = new InboundInteractions.Announce(
                a.id() != null ? a.id() : in.sender().uri() + "#announces/" + a.objectId(), visibility(a, in.sender()),
                a.published());
        Optional<Interaction> made = interactions.boost(tx, in.sender(), a.objectId(), boost);
        made.ifPresentOrElse(b -> events.emit(DomainEvent.interacted(b)), () -> unknownObject(in, a.objectId()));
    }

    /**
     * The one place that decides what becomes of a boost that was not kept: the status is not
     * stored here, is not public, or nobody here follows the booster. For now nothing; fetching
     * an unknown status by its id belongs here once federation/deref can fetch posts.
     */
    private void unknownObject(Inbound in, String objectUri) {
        log.debug("Boost of {} by {} not kept", objectUri, in.sender().acct());
    }

    private static Visibility visibility(AsActivity a, Account sender) {
        if (a.to().contains(Vocab.PUBLIC)) {
            return Visibility.PUBLIC;
        }
        if (a.cc().contains(Vocab.PUBLIC)) {
            return Visibility.UNLISTED;
        }
        return Visibility.PRIVATE;
    }
}
