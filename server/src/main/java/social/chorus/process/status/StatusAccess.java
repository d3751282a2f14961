package social.chorus.process.status;

import java.util.EnumSet;
import java.util.Set;
import org.jooq.DSLContext;
import social.chorus.model.Follow;
import social.chorus.model.Status;
import social.chorus.model.StatusTombstone;
import social.chorus.model.Visibility;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.StatusRepository;

/**
 * Who may see a status: public and unlisted ones anyone; private (followers-only) ones the
 * author, accepted followers and the accounts mentioned; direct ones the author and the
 * accounts mentioned. {@code viewerId} null is an anonymous caller.
 */
public final class StatusAccess {
    private final StatusRepository statuses;
    private final FollowRepository follows;

    public StatusAccess(StatusRepository statuses, FollowRepository follows) {
        this.statuses = statuses;
        this.follows = follows;
    }

    public boolean canSee(DSLContext dsl, Status s, Long viewerId) {
        if (s.visibility() == Visibility.PUBLIC || s.visibility() == Visibility.UNLISTED) {
            return true;
        }
        if (viewerId == null) {
            return false;
        }
        if (viewerId == s.accountId() || statuses.mentions(dsl, s.id(), viewerId)) {
            return true;
        }
        return s.visibility() == Visibility.PRIVATE && follows(dsl, viewerId, s.accountId());
    }

    /**
     * Whether the viewer may learn that a deleted post existed: public and unlisted ones anyone,
     * followers-only ones the author and accepted followers. The mentions went with the post, so
     * direct ones (and those mentioned in followers-only ones) are nobody's any more.
     */
    public boolean couldSeeDeleted(DSLContext dsl, StatusTombstone t, Long viewerId) {
        if (t.visibility() == Visibility.PUBLIC || t.visibility() == Visibility.UNLISTED) {
            return true;
        }
        if (viewerId == null || t.accountId() == null || t.visibility() != Visibility.PRIVATE) {
            return false;
        }
        return viewerId.longValue() == t.accountId() || follows(dsl, viewerId, t.accountId());
    }

    /**
     * Which of an account's statuses its profile shows to the viewer: private ones to the
     * author and followers, direct ones to the author only (those mentioned see them in the
     * thread, not on the profile).
     */
    public Set<Visibility> onProfile(DSLContext dsl, long authorId, Long viewerId) {
        if (viewerId != null && viewerId == authorId) {
            return EnumSet.allOf(Visibility.class);
        }
        if (viewerId != null && follows(dsl, viewerId, authorId)) {
            return EnumSet.of(Visibility.PUBLIC, Visibility.UNLISTED, Visibility.PRIVATE);
        }
        return EnumSet.of(Visibility.PUBLIC, Visibility.UNLISTED);
    }

    private boolean follows(DSLContext dsl, long viewerId, long authorId) {
        return follows.find(dsl, viewerId, authorId).map(f -> f.state() == Follow.State.ACCEPTED).orElse(false);
    }
}
