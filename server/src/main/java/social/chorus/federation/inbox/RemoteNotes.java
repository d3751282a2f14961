package social.chorus.federation.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.federation.sig.KeyIds;
import social.chorus.federation.vocab.AsObject;
import social.chorus.federation.vocab.AsTag;
import social.chorus.federation.vocab.Vocab;
import social.chorus.http.HtmlEscape;
import social.chorus.model.Account;
import social.chorus.model.Status;
import social.chorus.model.StatusContent;
import social.chorus.model.StatusTombstone;
import social.chorus.model.Visibility;
import social.chorus.process.status.StatusIds;
import social.chorus.process.text.HtmlSanitizer;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.TombstoneRepository;

/**
 * Remote posts arriving by Create, Update and Delete: stored when they concern a local account
 * (its author is followed here, or it mentions or answers someone or something local), edited
 * and removed only by their author. Content is sanitised before it is stored. A Delete leaves a
 * tombstone (status_tombstone) so that a Create delivered after it is dropped.
 */
final class RemoteNotes {
    private static final Logger log = LoggerFactory.getLogger(RemoteNotes.class);
    static final Set<String> POST_TYPES = Set.of("Note", "Article", "Page", "Question");

    private final AccountRepository accounts;
    private final StatusRepository statuses;
    private final TombstoneRepository tombstones;
    private final FollowRepository follows;
    private final StatusIds ids;
    private final Clock clock;
    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    RemoteNotes(AccountRepository accounts, StatusRepository statuses, TombstoneRepository tombstones,
            FollowRepository follows, StatusIds ids, Clock clock) {
        this.accounts = accounts;
        this.statuses = statuses;
        this.tombstones = tombstones;
        this.follows = follows;
        this.ids = ids;
        this.clock = clock;
    }

    /** The object must be the sender's own, with an id on the sender's host; else 403. */
    static void checkOwn(AsObject note, Account sender) {
        if (!sender.uri().equals(note.author())) {
            throw InboxException.forbidden("the object is attributed to " + note.author() + ", not to the sender");
        }
        if (note.id() == null || !KeyIds.sameHost(note.id(), sender.uri())) {
            throw InboxException.forbidden("object id " + note.id() + " is not on the sender's host");
        }
    }

    void create(DSLContext tx, Account sender, AsObject note) {
        checkOwn(note, sender);
        if (statuses.findByUri(tx, note.id()).isPresent()) {
            return; // a repeated Create (another id, same object) changes nothing
        }
        Optional<StatusTombstone> deleted = tombstones.find(tx, note.id());
        if (deleted.isPresent() && (deleted.get().accountId() == null || deleted.get().accountId() == sender.id())) {
            // Its Delete overtook it (deliveries are retried independently): it stays deleted.
            log.debug("Dropped the late Create of {}: already deleted", note.id());
            return;
        }
        List<Long> mentioned = localMentions(tx, note);
        Optional<Status> parent = note.inReplyTo() == null ? Optional.empty()
                : statuses.findByUri(tx, note.inReplyTo());
        boolean concernsUs = !mentioned.isEmpty() || parent.map(Status::local).orElse(false)
                || follows.hasLocalFollowers(tx, sender.id());
        if (!concernsUs) {
            log.debug("Ignored {}: nobody here follows {} or is addressed", note.id(), sender.acct());
            return;
        }
        Status.Reply reply = note.inReplyTo() == null ? Status.Reply.NONE
                : new Status.Reply(parent.map(Status::id).orElse(null), note.inReplyTo(),
                        parent.map(Status::accountId).orElse(null));
        String conversation = note.context() != null ? note.context()
                : parent.map(Status::conversation).orElse(note.id());
        Instant published = note.published() != null ? note.published() : clock.instant();
        Status s = new Status(ids.next(), note.id(), note.url() != null ? note.url() : note.id(), sender.id(), false,
                reply, conversation, visibility(note, sender), content(note), null, Status.Counts.ZERO, published,
                null);
        statuses.insert(tx, s, mentioned, hashtags(note));
    }

    void update(DSLContext tx, Account sender, AsObject note) {
        checkOwn(note, sender);
        Optional<Status> before = statuses.findByUri(tx, note.id())
                .flatMap(s -> statuses.findByIdForUpdate(tx, s.id()));
        if (before.isEmpty()) {
            return; // never stored: an edit of something we do not have is not a reason to store it
        }
        if (before.get().accountId() != sender.id()) {
            throw InboxException.forbidden("only the author can update " + note.id());
        }
        Instant at = note.updated() != null ? note.updated() : clock.instant();
        statuses.edit(tx, before.get(), content(note), at);
        statuses.addMentions(tx, before.get().id(), localMentions(tx, note));
        statuses.replaceTags(tx, before.get().id(), hashtags(note));
    }

    /**
     * Removes a stored post of the sender and leaves a tombstone for its id. A post we do not
     * have (yet) gets the tombstone alone, so that a Create arriving after its Delete is dropped;
     * only for an id on the sender's host, so nobody can tombstone another server's posts.
     *
     * @return whether a stored post of the sender went
     */
    boolean delete(DSLContext tx, Account sender, String objectId) {
        if (objectId == null) {
            return false;
        }
        Optional<Status> found = statuses.findByUri(tx, objectId);
        if (found.isPresent()) {
            if (found.get().local() || found.get().accountId() != sender.id()) {
                return false;
            }
            tombstones.record(tx, objectId, sender.id(), null);
            return statuses.delete(tx, found.get());
        }
        if (KeyIds.sameHost(objectId, sender.uri()) && accounts.findByUri(tx, objectId).isEmpty()) {
            tombstones.record(tx, objectId, sender.id(), null);
        }
        return false;
    }

    /** A deleted actor's stored posts, before the account row goes (counts kept in step). */
    int deleteAllBy(DSLContext tx, Account sender) {
        return statuses.deleteByAccount(tx, sender.id());
    }

    private StatusContent content(AsObject note) {
        String html = sanitizer.sanitize(note.content());
        if (!"Note".equals(note.type()) && note.name() != null && !note.name().isBlank()) {
            // Articles, pages and questions have a title; keep it above the body, as Mastodon shows them.
            html = "<p><strong>" + HtmlEscape.escape(note.name()) + "</strong></p>" + html;
        }
        String summary = note.summary() == null ? "" : org.jsoup.Jsoup.parse(note.summary()).text();
        boolean sensitive = Boolean.TRUE.equals(note.sensitive()) || !summary.isEmpty();
        return new StatusContent(null, html, summary, sensitive, null);
    }

    /** Public in to → public; in cc → unlisted; the author's followers → private; otherwise direct. */
    static Visibility visibility(AsObject note, Account sender) {
        if (note.to().contains(Vocab.PUBLIC)) {
            return Visibility.PUBLIC;
        }
        if (note.cc().contains(Vocab.PUBLIC)) {
            return Visibility.UNLISTED;
        }
        String followers = sender.endpoints() == null ? null : sender.endpoints().followers();
        if (followers != null && (note.to().contains(followers) || note.cc().contains(followers))) {
            return Visibility.PRIVATE;
        }
        return Visibility.DIRECT;
    }

    /** Local accounts named by Mention tags (by href) or addressed directly in to/cc. */
    private List<Long> localMentions(DSLContext tx, AsObject note) {
        Set<String> uris = new LinkedHashSet<>();
        for (AsTag t : note.tags()) {
            if ("Mention".equals(t.type()) && t.href() != null) {
                uris.add(t.href());
            }
        }
        uris.addAll(note.to());
        uris.addAll(note.cc());
        uris.remove(Vocab.PUBLIC); // in nearly every post, and never an account
        return accounts.localIdsByUri(tx, uris); // one query however many are addressed
    }

    private static List<String> hashtags(AsObject note) {
        Set<String> out = new LinkedHashSet<>();
        for (AsTag t : note.tags()) {
            if ("Hashtag".equals(t.type()) && t.name() != null) {
                String name = t.name().startsWith("#") ? t.name().substring(1) : t.name();
                if (!name.isBlank() && name.length() <= 100) {
                    out.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(out);
    }
}
