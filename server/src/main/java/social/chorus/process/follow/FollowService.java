package social.chorus.process.follow;

import io.vertx.core.Future;
import java.util.Optional;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.Follow;
import social.chorus.model.LocalIds;
import social.chorus.model.OutgoingActivity;
import social.chorus.model.Relationship;
import social.chorus.process.ClientError;
import social.chorus.process.Outbox;
import social.chorus.process.event.DomainEvent;
import social.chorus.process.event.Events;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.BlockRepository;
import social.chorus.storage.Db;
import social.chorus.storage.FollowRepository;

/**
 * Following, as a local person asks for it: follow, unfollow, answer requests, block. Every
 * change and the activities it sends to other servers commit in one transaction.
 */
public final class FollowService {
    private final Db db;
    private final Events events;
    private final AccountRepository accounts;
    private final FollowRepository follows;
    private final BlockRepository blocks;
    private final Outbox outbox;
    private final LocalIds ids;

    public FollowService(Db db, Events events, AccountRepository accounts, FollowRepository follows,
            BlockRepository blocks, Outbox outbox, LocalIds ids) {
        this.db = db;
        this.events = events;
        this.accounts = accounts;
        this.follows = follows;
        this.blocks = blocks;
        this.outbox = outbox;
        this.ids = ids;
    }

    /**
     * Follows {@code targetId}. Accepted at once for an unlocked local account; pending for a locked
     * one and for every remote account until its server answers. Following again changes nothing.
     */
    public Future<Relationship> follow(long accountId, long targetId) {
        return events.tx((dsl, emitted) -> {
            Account actor = local(dsl, accountId);
            Account target = existing(dsl, targetId);
            if (accountId == targetId) {
                throw new ClientError(422, "You cannot follow yourself");
            }
            follows.lockPair(dsl, accountId, targetId);
            if (blocks.eitherBlocks(dsl, accountId, targetId)) {
                throw new ClientError(403, "This action is not allowed");
            }
            if (follows.find(dsl, accountId, targetId).isEmpty()) {
                boolean acceptedNow = target.local() && !target.flags().locked();
                Follow f = follows.insert(dsl, accountId, targetId, ids.newActivity(),
                        acceptedNow ? Follow.State.ACCEPTED : Follow.State.PENDING);
                if (!target.local()) {
                    outbox.enqueue(dsl, new OutgoingActivity.FollowRequest(f.uri(), actor, target));
                } else if (acceptedNow) {
                    emitted.emit(new DomainEvent.Followed(accountId, targetId));
                } else {
                    emitted.emit(new DomainEvent.FollowRequested(accountId, targetId));
                }
            }
            return relationship(dsl, accountId, targetId);
        });
    }

    /** Stops following (or withdraws a request). The remote server is told with Undo(Follow). */
    public Future<Relationship> unfollow(long accountId, long targetId) {
        return db.tx(dsl -> {
            Account actor = local(dsl, accountId);
            Account target = existing(dsl, targetId);
            follows.lockPair(dsl, accountId, targetId);
            Optional<Follow> f = follows.find(dsl, accountId, targetId);
            if (f.isPresent()) {
                follows.delete(dsl, accountId, targetId);
                if (!target.local()) {
                    outbox.enqueue(dsl, new OutgoingActivity.UndoFollow(ids.newActivity(), actor, target,
                            f.get().uri()));
                }
            }
            return relationship(dsl, accountId, targetId);
        });
    }

    /** The followed (local, locked) account accepts a pending request. */
    public Future<Relationship> authorize(long accountId, long requesterId) {
        return answer(accountId, requesterId, true);
    }

    /** The followed account rejects a pending request; the request is removed. */
    public Future<Relationship> reject(long accountId, long requesterId) {
        return answer(accountId, requesterId, false);
    }

    private Future<Relationship> answer(long accountId, long requesterId, boolean accept) {
        return db.tx(dsl -> {
            Account me = local(dsl, accountId);
            Account requester = existing(dsl, requesterId);
            follows.lockPair(dsl, requesterId, accountId);
            Follow f = follows.find(dsl, requesterId, accountId)
                    .filter(x -> x.state() == Follow.State.PENDING)
                    .orElseThrow(() -> ClientError.notFound("Follow request"));
            if (accept) {
                follows.accept(dsl, f.id());
            } else {
                follows.delete(dsl, requesterId, accountId);
            }
            if (!requester.local()) {
                outbox.enqueue(dsl, new OutgoingActivity.AnswerFollow(ids.newActivity(), me, requester, f.uri(),
                        accept));
            }
            return relationship(dsl, accountId, requesterId);
        });
    }

    /**
     * Blocks: removes follows in both directions and refuses future ones. A remote server is sent
     * the Block (Mastodon and most others then drop the follows on their side too).
     */
    public Future<Relationship> block(long accountId, long targetId) {
        return db.tx(dsl -> {
            Account actor = local(dsl, accountId);
            Account target = existing(dsl, targetId);
            if (accountId == targetId) {
                throw new ClientError(422, "You cannot block yourself");
            }
            follows.lockPair(dsl, accountId, targetId);
            if (blocks.find(dsl, accountId, targetId).isEmpty()) {
                String uri = ids.newActivity();
                blocks.insert(dsl, accountId, targetId, uri);
                follows.delete(dsl, accountId, targetId);
                follows.delete(dsl, targetId, accountId);
                if (!target.local()) {
                    outbox.enqueue(dsl, new OutgoingActivity.BlockActor(uri, actor, target));
                }
            }
            return relationship(dsl, accountId, targetId);
        });
    }

    public Future<Relationship> unblock(long accountId, long targetId) {
        return db.tx(dsl -> {
            Account actor = local(dsl, accountId);
            Account target = existing(dsl, targetId);
            blocks.find(dsl, accountId, targetId).ifPresent(b -> {
                blocks.delete(dsl, accountId, targetId);
                if (!target.local()) {
                    outbox.enqueue(dsl, new OutgoingActivity.UndoBlock(ids.newActivity(), actor, target, b.uri()));
                }
            });
            return relationship(dsl, accountId, targetId);
        });
    }

    public Future<Relationship> relationship(long accountId, long targetId) {
        return db.read(dsl -> relationship(dsl, accountId, targetId));
    }

    Relationship relationship(DSLContext dsl, long a, long b) {
        Optional<Follow> out = follows.find(dsl, a, b);
        Optional<Follow> in = follows.find(dsl, b, a);
        return new Relationship(a, b, out.map(Follow::accepted).orElse(false),
                out.map(f -> !f.accepted()).orElse(false), in.map(Follow::accepted).orElse(false),
                in.map(f -> !f.accepted()).orElse(false), blocks.find(dsl, a, b).isPresent(),
                blocks.find(dsl, b, a).isPresent());
    }

    private Account local(DSLContext dsl, long id) {
        return accounts.findById(dsl, id).filter(Account::local)
                .orElseThrow(() -> ClientError.notFound("Account"));
    }

    private Account existing(DSLContext dsl, long id) {
        return accounts.findById(dsl, id).orElseThrow(() -> ClientError.notFound("Record"));
    }
}
