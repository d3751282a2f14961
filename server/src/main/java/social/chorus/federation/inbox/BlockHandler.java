package social.chorus.federation.inbox;

import org.jooq.DSLContext;
import social.chorus.process.event.Emitter;
import social.chorus.process.follow.InboundFollows;

/** {@code Block} of a local actor by a remote one: follows both ways end, new ones are refused. */
final class BlockHandler implements ActivityHandler {
    private final LocalTargets targets;
    private final InboundFollows follows;

    BlockHandler(LocalTargets targets, InboundFollows follows) {
        this.targets = targets;
        this.follows = follows;
    }

    @Override
    public String type() {
        return "Block";
    }

    @Override
    public void handle(DSLContext tx, Inbound in, Emitter events) {
        if (in.activity().id() == null) {
            throw InboxException.badRequest("a Block needs an id: its Undo refers to it");
        }
        targets.localObject(tx, in.activity())
                .ifPresent(target -> follows.block(tx, in.sender(), target, in.activity().id()));
    }
}
