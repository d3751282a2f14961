package social.chorus.process.status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.MediaAttachment;
import social.chorus.model.Status;
import social.chorus.model.StatusView;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.FavouriteRepository;
import social.chorus.storage.MediaAttachmentRepository;
import social.chorus.storage.PinRepository;
import social.chorus.storage.StatusRepository;

/**
 * Statuses as they are shown: each with its author, mentions, tags and media, a boost with the
 * status it boosts, and whether the viewer has liked or boosted each (a few queries per list,
 * never per status).
 */
public final class StatusViews {
    private final StatusRepository statuses;
    private final AccountRepository accounts;
    private final FavouriteRepository favourites;
    private final PinRepository pins;
    private final MediaAttachmentRepository media;

    public StatusViews(StatusRepository statuses, AccountRepository accounts, FavouriteRepository favourites,
            PinRepository pins, MediaAttachmentRepository media) {
        this.statuses = statuses;
        this.accounts = accounts;
        this.favourites = favourites;
        this.pins = pins;
        this.media = media;
    }

    public StatusView view(DSLContext dsl, Status s, Long viewerId) {
        return views(dsl, List.of(s), viewerId).get(0);
    }

    /**
     * A page of views in a fixed number of queries however long the page: the boosted statuses,
     * the authors, the mentions, the tags and the media are each read once for the whole list (one
     * query per status for each made a 40-post timeline page cost over a hundred round trips).
     */
    public List<StatusView> views(DSLContext dsl, List<Status> found, Long viewerId) {
        Set<Long> originalIds = new LinkedHashSet<>();
        found.stream().filter(Status::isReblog).forEach(s -> originalIds.add(s.reblogOfId()));
        // A boost whose original is gone went with it (ON DELETE CASCADE), so it is always there.
        Map<Long, Status> originals = new HashMap<>();
        statuses.findByIds(dsl, originalIds).forEach(o -> originals.put(o.id(), o));
        List<Status> all = new ArrayList<>(found);
        all.addAll(originals.values());
        List<Long> ids = all.stream().map(Status::id).distinct().toList();
        Set<Long> liked = viewerId == null ? Set.of() : favourites.favourited(dsl, viewerId, ids);
        Set<Long> boosted = viewerId == null ? Set.of() : statuses.reblogged(dsl, viewerId, ids);
        Set<Long> pinned = viewerId == null ? Set.of() : pins.pinned(dsl, viewerId, ids);
        List<Long> withText = all.stream().filter(s -> !s.isReblog()).map(Status::id).distinct().toList();
        Page page = new Page(accounts.findByIds(dsl, all.stream().map(Status::accountId).collect(Collectors.toSet())),
                statuses.mentionsOf(dsl, withText), statuses.tagsOf(dsl, withText), media.of(dsl, withText), liked,
                boosted, pinned);
        List<StatusView> out = new ArrayList<>(found.size());
        for (Status s : found) {
            StatusView reblog = Optional.ofNullable(s.reblogOfId()).map(originals::get).map(o -> page.view(o, null))
                    .orElse(null);
            out.add(page.view(s, reblog));
        }
        return out;
    }

    /** What a list of statuses is shown with, read in bulk, and what the viewer did with each. */
    private record Page(Map<Long, Account> authors, Map<Long, List<Account>> mentions, Map<Long, List<String>> tags,
            Map<Long, List<MediaAttachment>> media, Set<Long> liked, Set<Long> boosted, Set<Long> pinned) {
        StatusView view(Status s, StatusView reblog) {
            Account author = authors.get(s.accountId());
            if (author == null) {
                throw new NoSuchElementException("author " + s.accountId() + " of status " + s.id());
            }
            // A boost shows the boosted status's mentions, tags and media, never its own (it has none).
            List<Account> m = s.isReblog() ? List.of() : mentions.getOrDefault(s.id(), List.of());
            List<String> t = s.isReblog() ? List.of() : tags.getOrDefault(s.id(), List.of());
            List<MediaAttachment> files = s.isReblog() ? List.of() : media.getOrDefault(s.id(), List.of());
            return new StatusView(s, author, m, t, files, reblog,
                    new StatusView.ViewerState(liked.contains(s.id()), boosted.contains(s.id()),
                            pinned.contains(s.id())));
        }
    }
}
