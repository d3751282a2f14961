package social.chorus.federation.inbox;

import org.jooq.DSLContext;
import social.chorus.process.event.Emitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.process.follow.InboundFollows;

/** {@code Follow} of a local actor: accepted, queued for approval, or refused when blocked. */
final class FollowHandler implements ActivityHandler {
    private static final Logger log = LoggerFactory.getLogger(FollowHandler.class);

    private final LocalTargets targets;
    private final InboundFollows follows;

    FollowHandler(LocalTargets targets, InboundFollows follows) {
        this.targets = targets;
        this.follows = follows;
    }

    @Override
    public String type() {
        return "Follow";
    }

    @Override
    public void handle(DSLContext tx, Inbound in, Emitter events) {
        if (in.activity().id() == null) {
            throw InboxException.badRequest("a Follow needs an id: Accept and Undo refer to it");
        }
        targets.localObject(tx, in.activity()).ifPresentOrElse(target -> {
            InboundFollows.Outcome outcome = follows.follow(tx, in.sender(), target, in.activity().id(), events);
            log.info("Follow {} -> {}: {}", in.sender().acct(), target.acct(), outcome);
        }, () -> log.debug("Follow of {} ignored: not a local actor", in.activity().objectId()));
    }
}
