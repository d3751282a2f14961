package social.chorus.process.status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.Status;
import social.chorus.model.StatusView;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.FavouriteRepository;
import social.chorus.storage.PinRepository;
import social.chorus.storage.StatusRepository;

/**
 * Statuses as they are shown: each with its author, mentions and tags, a boost with the status it
 * boosts, and whether the viewer has liked or boosted each (two queries per list, not per status).
 */
public final class StatusViews {
    private final StatusRepository statuses;
    private final AccountRepository accounts;
    private final FavouriteRepository favourites;
    private final PinRepository pins;

    public StatusViews(StatusRepository statuses, AccountRepository accounts, FavouriteRepository favourites,
            PinRepository pins) {
        this.statuses = statuses;
        this.accounts = accounts;
        this.favourites = favourites;
        this.pins = pins;
    }

    public StatusView view(DSLContext dsl, Status s, Long viewerId) {
        return views(dsl, List.of(s), viewerId).get(0);
    }

    public List<StatusView> views(DSLContext dsl, List<Status> found, Long viewerId) {
        Map<Long, Status> originals = new HashMap<>();
        for (Status s : found) {
            if (s.isReblog()) {
                // A boost whose original is gone went with it (ON DELETE CASCADE), so it is always there.
                statuses.findById(dsl, s.reblogOfId()).ifPresent(o -> originals.put(o.id(), o));
            }
        }
        List<Long> ids = new ArrayList<>();
        found.forEach(s -> ids.add(s.id()));
        ids.addAll(originals.keySet());
        Set<Long> liked = viewerId == null ? Set.of() : favourites.favourited(dsl, viewerId, ids);
        Set<Long> boosted = viewerId == null ? Set.of() : statuses.reblogged(dsl, viewerId, ids);
        Set<Long> pinned = viewerId == null ? Set.of() : pins.pinned(dsl, viewerId, ids);
        Map<Long, Account> authors = new HashMap<>();
        List<StatusView> out = new ArrayList<>(found.size());
        for (Status s : found) {
            StatusView reblog = Optional.ofNullable(s.reblogOfId()).map(originals::get)
                    .map(o -> one(dsl, o, null, new Viewed(liked, boosted, pinned), authors)).orElse(null);
            out.add(one(dsl, s, reblog, new Viewed(liked, boosted, pinned), authors));
        }
        return out;
    }

    /** What the viewer did, by status id. */
    private record Viewed(Set<Long> liked, Set<Long> boosted, Set<Long> pinned) {
    }

    private StatusView one(DSLContext dsl, Status s, StatusView reblog, Viewed viewed, Map<Long, Account> authors) {
        Account author = authors.computeIfAbsent(s.accountId(), id -> accounts.findById(dsl, id).orElseThrow());
        List<Account> mentions = s.isReblog() ? List.of() : statuses.mentions(dsl, s.id());
        List<String> tags = s.isReblog() ? List.of() : statuses.tags(dsl, s.id());
        return new StatusView(s, author, mentions, tags, reblog,
                new StatusView.ViewerState(viewed.liked().contains(s.id()), viewed.boosted().contains(s.id()),
                        viewed.pinned().contains(s.id())));
    }
}
