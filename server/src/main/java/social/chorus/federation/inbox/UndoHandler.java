package social.chorus.federation.inbox;

import java.util.Optional;
import org.jooq.DSLContext;
import social.chorus.process.event.Emitter;
import social.chorus.federation.vocab.AsActivity;
import social.chorus.process.follow.InboundFollows;

/**
 * {@code Undo} of a Follow or a Block the sender made earlier. The undone activity is matched by
 * id, or by its embedded actor and object; an Undo of anything else (Like, Announce) is left to
 * the handlers that come with posts.
 */
final class UndoHandler implements ActivityHandler {
    private final LocalTargets targets;
    private final InboundFollows follows;

    UndoHandler(LocalTargets targets, InboundFollows follows) {
        this.targets = targets;
        this.follows = follows;
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
        String undoneType = undone.map(AsActivity::type).orElse("Follow");
        Optional<String> undoneId = Optional.ofNullable(in.activity().objectId());
        switch (undoneType) {
            case "Follow" -> follows.undoFollow(tx, in.sender(), undoneId,
                    undone.flatMap(u -> targets.local(tx, u.objectId())));
            case "Block" -> undone.flatMap(u -> targets.local(tx, u.objectId()))
                    .ifPresent(target -> follows.undoBlock(tx, in.sender(), target));
            default -> {
                // Undo of Like, Announce…: handled once posts exist.
            }
        }
    }
}
