package social.chorus.federation.inbox;

import java.util.Optional;
import org.jooq.DSLContext;
import social.chorus.process.event.Emitter;
import social.chorus.federation.vocab.AsActivity;
import social.chorus.process.follow.InboundFollows;
import social.chorus.process.interaction.InboundInteractions;

/**
 * {@code Undo} of a Follow, Block, Like or Announce the sender made earlier. The undone activity
 * is matched by id, or by its embedded actor and object (servers undo with a bare id, a fresh id
 * or a copy of the activity). An Undo of anything else (EmojiReact, Dislike, Lemmy's Delete or
 * Lock) changes nothing.
 */
final class UndoHandler implements ActivityHandler {
    private final LocalTargets targets;
    private final InboundFollows follows;
    private final InboundInteractions interactions;

    UndoHandler(LocalTargets targets, InboundFollows follows, InboundInteractions interactions) {
        this.targets = targets;
        this.follows = follows;
        this.interactions = interactions;
    }

    @Override
    public String type() {
        return "Undo";
    }

    @Override
    public void handle(DSLContext tx, Inbound in, Emitter events) {
        Optional<AsActivity> undone = LocalTargets.embeddedActivity(in.activity());
        if (undone.isPresent() && !in.sender().uri().equals(undone.get().actor())) {
            throw InboxException.forbidden("an actor can only undo its own activities");
        }
        Optional<String> undoneId = Optional.ofNullable(in.activity().objectId());
        String undoneType = undone.map(AsActivity::type).orElseGet(() -> bareType(tx, in, undoneId));
        String undoneObject = undone.map(AsActivity::objectId).orElse(null);
        switch (undoneType) {
            case "Like" -> interactions.undoLike(tx, in.sender(), undoneId.orElse(null), undoneObject);
            case "Announce" -> interactions.undoBoost(tx, in.sender(), undoneId.orElse(null), undoneObject);
            case "Follow" -> follows.undoFollow(tx, in.sender(), undoneId,
                    undone.flatMap(u -> targets.local(tx, u.objectId())));
            case "Block" -> undone.flatMap(u -> targets.local(tx, u.objectId()))
                    .ifPresent(target -> follows.undoBlock(tx, in.sender(), target));
            default -> {
                // EmojiReact, Dislike, Lemmy's Delete, Remove, Lock…: nothing of ours to take back.
            }
        }
    }

    /**
     * What a bare id undoes: a like or boost of the sender's when we hold one with that id, else a
     * Follow (the servers that send a bare id send it for follows).
     */
    private String bareType(DSLContext tx, Inbound in, Optional<String> id) {
        if (id.isPresent() && interactions.undoLike(tx, in.sender(), id.get(), null)) {
            return "Undone";
        }
        if (id.isPresent() && interactions.undoBoost(tx, in.sender(), id.get(), null)) {
            return "Undone";
        }
        return "Follow";
    }
}
