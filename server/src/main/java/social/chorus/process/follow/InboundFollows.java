package social.chorus.process.follow;

import java.util.Optional;
import org.jooq.DSLContext;
import social.chorus.process.event.DomainEvent;
import social.chorus.process.event.Emitter;
import social.chorus.model.Account;
import social.chorus.model.Follow;
import social.chorus.model.LocalIds;
import social.chorus.model.OutgoingActivity;
import social.chorus.process.Outbox;
import social.chorus.storage.BlockRepository;
import social.chorus.storage.FollowRepository;

/**
 * Follow-related activities that other servers send us, applied inside the inbox's transaction
 * (together with the record that the activity was handled, so a redelivery changes nothing).
 * The inbox has already checked signatures and origins; these methods check state.
 */
public final class InboundFollows {
    /** What became of an inbound Follow, for logs and tests. */
    public enum Outcome {
        ACCEPTED, PENDING, REJECTED_BLOCKED, ALREADY_FOLLOWING
    }

    private final FollowRepository follows;
    private final BlockRepository blocks;
    private final Outbox outbox;
    private final LocalIds ids;

    public InboundFollows(FollowRepository follows, BlockRepository blocks, Outbox outbox, LocalIds ids) {
        this.follows = follows;
        this.blocks = blocks;
        this.outbox = outbox;
        this.ids = ids;
    }

    /**
     * A remote actor follows a local account: refused with Reject when either side blocks, pending
     * for a locked account, otherwise accepted with an Accept sent back. A repeated Follow of an
     * accepted relation is answered with Accept again: the remote side may have lost the first one.
     */
    public Outcome follow(DSLContext tx, Account follower, Account target, String followUri, Emitter events) {
        follows.lockPair(tx, follower.id(), target.id());
        if (blocks.eitherBlocks(tx, follower.id(), target.id())) {
            outbox.enqueue(tx, new OutgoingActivity.AnswerFollow(ids.newActivity(), target, follower, followUri, false));
            return Outcome.REJECTED_BLOCKED;
        }
        Optional<Follow> existing = follows.find(tx, follower.id(), target.id());
        if (existing.isPresent()) {
            if (existing.get().accepted()) {
                outbox.enqueue(tx, new OutgoingActivity.AnswerFollow(ids.newActivity(), target, follower, followUri,
                        true));
                return Outcome.ALREADY_FOLLOWING;
            }
            return Outcome.PENDING;
        }
        boolean locked = target.flags().locked();
        follows.insert(tx, follower.id(), target.id(), followUri, locked ? Follow.State.PENDING : Follow.State.ACCEPTED);
        if (locked) {
            events.emit(new DomainEvent.FollowRequested(follower.id(), target.id()));
            return Outcome.PENDING;
        }
        outbox.enqueue(tx, new OutgoingActivity.AnswerFollow(ids.newActivity(), target, follower, followUri, true));
        events.emit(new DomainEvent.Followed(follower.id(), target.id()));
        return Outcome.ACCEPTED;
    }

    /**
     * The remote account {@code accepter} accepts our follow. Matched by the Follow's id when the
     * Accept names it, else by the pair (Misskey and some others embed only actor and object).
     */
    public boolean accept(DSLContext tx, Account accepter, Optional<String> followUri, Optional<Account> follower) {
        return findOurFollow(tx, accepter, followUri, follower).map(f -> follows.accept(tx, f.id())).orElse(false);
    }

    /** The remote account rejects our follow, or removes us as a follower: the relation goes. */
    public boolean reject(DSLContext tx, Account rejecter, Optional<String> followUri, Optional<Account> follower) {
        return findOurFollow(tx, rejecter, followUri, follower)
                .map(f -> follows.delete(tx, f.accountId(), f.targetAccountId())).orElse(false);
    }

    /** The remote actor withdraws its Follow of {@code target} (or of whatever {@code followUri} names). */
    public boolean undoFollow(DSLContext tx, Account actor, Optional<String> followUri, Optional<Account> target) {
        Optional<Follow> f = followUri.flatMap(uri -> follows.findByUri(tx, uri))
                .or(() -> target.flatMap(t -> follows.find(tx, actor.id(), t.id())))
                .filter(x -> x.accountId() == actor.id());
        return f.map(x -> follows.delete(tx, x.accountId(), x.targetAccountId())).orElse(false);
    }

    /** A remote actor blocks a local account: follows in both directions end; future follows are refused. */
    public void block(DSLContext tx, Account actor, Account target, String blockUri) {
        follows.lockPair(tx, actor.id(), target.id());
        if (blocks.find(tx, actor.id(), target.id()).isEmpty()) {
            blocks.insert(tx, actor.id(), target.id(), blockUri);
        }
        follows.delete(tx, actor.id(), target.id());
        follows.delete(tx, target.id(), actor.id());
    }

    /** A remote actor is gone: every follow to or from it ends, and the counts of the other sides drop. */
    public void forget(DSLContext tx, Account actor) {
        follows.removeAllOf(tx, actor.id());
    }

    public boolean undoBlock(DSLContext tx, Account actor, Account target) {
        return blocks.delete(tx, actor.id(), target.id());
    }

    private Optional<Follow> findOurFollow(DSLContext tx, Account remote, Optional<String> followUri,
            Optional<Account> follower) {
        // Only the followed account may answer; the follower must be ours.
        return followUri.flatMap(uri -> follows.findByUri(tx, uri))
                .or(() -> follower.flatMap(f -> follows.find(tx, f.id(), remote.id())))
                .filter(f -> f.targetAccountId() == remote.id());
    }
}
