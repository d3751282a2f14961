package social.chorus.process.event;

import java.util.List;
import social.chorus.model.Account;
import social.chorus.model.Interaction;
import social.chorus.model.Status;
import social.chorus.model.StatusView;

/**
 * Something that changed, announced after its transaction committed. Listeners (notifications
 * today) react to these instead of being called from the code that made the change, so posting,
 * the inbox and the client API all cause the same side effects in the same way.
 */
public sealed interface DomainEvent {

    /** The event of a new like or boost. */
    static DomainEvent interacted(Interaction i) {
        return i.kind() == Interaction.Kind.FAVOURITE ? new Favourited(i.accountId(), i.statusId(), i.statusAuthorId())
                : new Reblogged(i.accountId(), i.statusId(), i.statusAuthorId());
    }

    /** {@code followerId} now follows {@code followedId}, accepted at once (an unlocked account). */
    record Followed(long followerId, long followedId) implements DomainEvent {
    }

    /** {@code followerId} asked to follow the locked account {@code followedId}. */
    record FollowRequested(long followerId, long followedId) implements DomainEvent {
    }

    /**
     * A post was stored, local or remote, mentioning {@code mentionedIds} (the accounts it
     * addresses; the post it answers is in its reply). Ids, not views: the inbox announces every
     * stored post, and reading its mentions and tags back only for this would cost two queries each.
     */
    record StatusPosted(Status status, List<Long> mentionedIds) implements DomainEvent {
        public static StatusPosted of(StatusView v) {
            return new StatusPosted(v.status(), v.mentions().stream().map(Account::id).toList());
        }
    }

    /** A post was edited by its author, here or on its own server. */
    record StatusEdited(Status status) implements DomainEvent {
    }

    /** {@code accountId} liked {@code statusId}, written by {@code authorId}. */
    record Favourited(long accountId, long statusId, long authorId) implements DomainEvent {
    }

    /** {@code accountId} boosted {@code statusId}, written by {@code authorId}. */
    record Reblogged(long accountId, long statusId, long authorId) implements DomainEvent {
    }
}
