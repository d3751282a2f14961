package social.chorus.federation.inbox;

import java.util.Optional;
import org.jooq.DSLContext;
import social.chorus.process.event.Emitter;
import social.chorus.federation.vocab.AsActivity;
import social.chorus.model.Account;
import social.chorus.process.follow.InboundFollows;

/**
 * {@code Accept} and {@code Reject} of our Follow. Servers name the Follow by id (Mastodon embeds
 * it with its id), or only by actor and object (some embed a Follow without id); both are matched.
 * Only the followed account itself can answer.
 */
final class AnswerHandler implements ActivityHandler {
    private final String type;
    private final LocalTargets targets;
    private final InboundFollows follows;

    private AnswerHandler(String type, LocalTargets targets, InboundFollows follows) {
        this.type = type;
        this.targets = targets;
        this.follows = follows;
    }

    static AnswerHandler accept(LocalTargets targets, InboundFollows follows) {
        return new AnswerHandler("Accept", targets, follows);
    }

    static AnswerHandler reject(LocalTargets targets, InboundFollows follows) {
        return new AnswerHandler("Reject", targets, follows);
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public void handle(DSLContext tx, Inbound in, Emitter events) {
        Optional<String> type = LocalTargets.embeddedType(in.activity());
        if (type.isPresent() && !type.get().equals("Follow")) {
            return; // an Accept of something else (a quote request, an invitation): not ours to handle
        }
        Optional<String> followId = Optional.ofNullable(in.activity().objectId());
        Optional<Account> follower = LocalTargets.embeddedActivity(in.activity()).map(AsActivity::actor)
                .flatMap(uri -> targets.local(tx, uri));
        if ("Accept".equals(this.type)) {
            follows.accept(tx, in.sender(), followId, follower);
        } else {
            follows.reject(tx, in.sender(), followId, follower);
        }
    }
}
