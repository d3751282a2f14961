package social.chorus.process.status;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.Status;
import social.chorus.model.StatusEdit;
import social.chorus.model.StatusTombstone;
import social.chorus.model.StatusView;
import social.chorus.process.ClientError;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.BlockRepository;
import social.chorus.storage.Db;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.TimelineRepository;
import social.chorus.storage.TombstoneRepository;

/**
 * Reading statuses as a viewer may see them (viewer null: anonymous): one status, its thread,
 * its edit history, an account's statuses. A status the viewer may not see is 404, as if it did
 * not exist.
 */
public final class StatusQueries {
    /** Ancestors shown above a status, as the issue bounds the parent chain. */
    public static final int MAX_ANCESTORS = 20;
    /** Descendants read for one thread view. */
    public static final int MAX_DESCENDANTS = 4096;
    public static final int MAX_PAGE = 40;

    private final Db db;
    private final StatusRepository statuses;
    private final AccountRepository accounts;
    private final StatusAccess access;
    private final TombstoneRepository tombstones;
    private final StatusViews views;
    private final BlockRepository blocks;
    private final TimelineRepository timelines;

    public StatusQueries(Db db, StatusRepository statuses, AccountRepository accounts, StatusAccess access,
            TombstoneRepository tombstones, StatusViews views, BlockRepository blocks, TimelineRepository timelines) {
        this.blocks = blocks;
        this.timelines = timelines;
        this.db = db;
        this.statuses = statuses;
        this.accounts = accounts;
        this.access = access;
        this.tombstones = tombstones;
        this.views = views;
    }

    public Future<StatusView> get(Long viewerId, long statusId) {
        return db.read(dsl -> views.view(dsl, visible(dsl, viewerId, statusId), viewerId));
    }

    /**
     * The tombstone of a deleted local post, when the viewer could have seen the post; empty
     * otherwise (as if it never existed).
     */
    public Future<Optional<StatusTombstone>> tombstone(Long viewerId, String uri) {
        return db.read(dsl -> tombstones.find(dsl, uri).filter(t -> access.couldSeeDeleted(dsl, t, viewerId)));
    }

    /** A thread around a status: ancestors oldest first, descendants depth-first. */
    public record Context(List<StatusView> ancestors, List<StatusView> descendants) {
    }

    /** The thread of a boost is the boosted status's thread. */
    public Future<Context> context(Long viewerId, long statusId) {
        return db.read(dsl -> {
            Status shown = visible(dsl, viewerId, statusId);
            Status s = shown.isReblog() ? statuses.findById(dsl, shown.reblogOfId()).orElse(shown) : shown;
            List<StatusView> ancestors = new ArrayList<>();
            Set<Long> seen = new HashSet<>(List.of(s.id()));
            Long parentId = s.reply().inReplyToId();
            while (parentId != null && ancestors.size() < MAX_ANCESTORS && seen.add(parentId)) {
                Optional<Status> parent = statuses.findById(dsl, parentId);
                if (parent.isEmpty()) {
                    break;
                }
                if (access.canSee(dsl, parent.get(), viewerId)) {
                    ancestors.add(0, views.view(dsl, parent.get(), viewerId));
                }
                parentId = parent.get().reply().inReplyToId();
            }
            return new Context(ancestors, descendants(dsl, s, viewerId, seen));
        });
    }

    private List<StatusView> descendants(DSLContext dsl, Status root, Long viewerId, Set<Long> seen) {
        Map<Long, List<Status>> children = new HashMap<>();
        List<Long> frontier = List.of(root.id());
        int read = 0;
        while (!frontier.isEmpty() && read < MAX_DESCENDANTS) {
            List<Status> level = statuses.repliesTo(dsl, frontier, MAX_DESCENDANTS - read);
            read += level.size();
            List<Long> next = new ArrayList<>();
            for (Status c : level) {
                if (seen.add(c.id())) {
                    children.computeIfAbsent(c.reply().inReplyToId(), k -> new ArrayList<>()).add(c);
                    next.add(c.id());
                }
            }
            frontier = next;
        }
        List<StatusView> out = new ArrayList<>();
        walk(dsl, root.id(), children, viewerId, out);
        return out;
    }

    /** Depth-first, oldest reply first, as Mastodon orders descendants; a hidden reply hides its subtree. */
    private void walk(DSLContext dsl, long id, Map<Long, List<Status>> children, Long viewerId,
            List<StatusView> out) {
        for (Status c : children.getOrDefault(id, List.of())) {
            if (access.canSee(dsl, c, viewerId)) {
                out.add(views.view(dsl, c, viewerId));
                walk(dsl, c.id(), children, viewerId, out);
            }
        }
    }

    /** Every version of a status, oldest first, the current one last (one entry if never edited). */
    public record History(StatusView current, List<StatusEdit> earlier) {
    }

    public Future<History> history(Long viewerId, long statusId) {
        return db.read(dsl -> {
            Status s = visible(dsl, viewerId, statusId);
            return new History(views.view(dsl, s, viewerId), statuses.edits(dsl, s.id()));
        });
    }

    /** Options of an account's status list. */
    public record AccountStatusesQuery(StatusRepository.AccountFilter filter, StatusRepository.PageQuery page) {
    }

    public Future<List<StatusView>> ofAccount(Long viewerId, long accountId, AccountStatusesQuery q) {
        return db.read(dsl -> {
            accounts.findById(dsl, accountId).orElseThrow(() -> new ClientError(404, "Record not found"));
            List<Status> found = timelines.byAccount(dsl, viewerId, accountId, access.onProfile(dsl, accountId, viewerId),
                    q.filter(), q.page());
            return views.views(dsl, found, viewerId);
        });
    }

    /**
     * The status, when the viewer may see it. A boost also needs its boosted post to be visible and
     * its author not to block the viewer nor be blocked by them: a boost must not carry a post
     * round a block.
     */
    private Status visible(DSLContext dsl, Long viewerId, long statusId) {
        return statuses.findById(dsl, statusId).filter(s -> access.canSee(dsl, s, viewerId))
                .filter(s -> !s.isReblog() || statuses.findById(dsl, s.reblogOfId())
                        .filter(o -> access.canSee(dsl, o, viewerId))
                        .filter(o -> viewerId == null || !blocks.eitherBlocks(dsl, viewerId, o.accountId()))
                        .isPresent())
                .orElseThrow(() -> new ClientError(404, "Record not found"));
    }

}
