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
 * Announce of a status we do not have is applied after the post is fetched from its own server.
 */
final class AnnounceHandler implements ActivityHandler {
    private static final Logger log = LoggerFactory.getLogger(AnnounceHandler.class);

    private final InboundInteractions interactions;
    private final LateBoosts lateBoosts;

    AnnounceHandler(InboundInteractions interactions, LateBoosts lateBoosts) {
        this.interactions = interactions;
        this.lateBoosts = lateBoosts;
    }

    @Override
    public String type() {
        return "Announce";
    }

    @Override
    public void handle(DSLContext tx, Inbound in, Emitter events) {
        boost(in).flatMap(b -> interactions.boost(tx, in.sender(), in.activity().objectId(), b))
                .ifPresent(made -> events.emit(DomainEvent.interacted(made)));
    }

    /** A boost of a post we did not have: fetched from its origin, then applied (see {@link LateBoosts}). */
    @Override
    public void afterCommit(Inbound in) {
        boost(in).ifPresent(b -> lateBoosts.consider(in.sender(), in.activity().objectId(), b));
    }

    /** The boost an Announce stands for; empty for one without an object or one that relays an activity. */
    private static Optional<InboundInteractions.Announce> boost(Inbound in) {
        AsActivity a = in.activity();
        if (a.object() == null || a.objectId() == null) {
            return Optional.empty();
        }
        Optional<AsDocument> embedded = a.object().embedded();
        if (embedded.isPresent() && embedded.get().kind() == AsDocument.Kind.ACTIVITY) {
            log.debug("Ignored {} from {}: a relayed {}", a.id(), in.sender().acct(), embedded.get().type());
            return Optional.empty();
        }
        return Optional.of(new InboundInteractions.Announce(
                a.id() != null ? a.id() : in.sender().uri() + "#announces/" + a.objectId(), visibility(a, in.sender()),
                a.published()));
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
