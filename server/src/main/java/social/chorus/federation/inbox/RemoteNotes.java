package social.chorus.federation.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import social.chorus.process.event.DomainEvent;
import social.chorus.process.event.Emitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.federation.convert.AsToStatus;
import social.chorus.federation.deref.RemoteNoteStore;
import social.chorus.federation.sig.KeyIds;
import social.chorus.federation.vocab.AsObject;
import social.chorus.model.Account;
import social.chorus.model.Status;
import social.chorus.model.StatusContent;
import social.chorus.process.status.StatusIds;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.MediaAttachmentRepository;
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
    static final Set<String> POST_TYPES = AsToStatus.POST_TYPES;

    private final AccountRepository accounts;
    private final StatusRepository statuses;
    private final TombstoneRepository tombstones;
    private final FollowRepository follows;
    private final RemoteNoteStore store;
    private final Clock clock;

    RemoteNotes(AccountRepository accounts, StatusRepository statuses, TombstoneRepository tombstones,
            FollowRepository follows, StatusIds ids, Clock clock) {
        this.accounts = accounts;
        this.statuses = statuses;
        this.tombstones = tombstones;
        this.follows = follows;
        this.store = new RemoteNoteStore(accounts, statuses, tombstones, new MediaAttachmentRepository(), ids::next,
                clock);
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

    /**
     * Stores a delivered post when it concerns someone here.
     *
     * @return the stored post, when this Create stored it (not when it was there already)
     */
    Optional<Status> create(DSLContext tx, Account sender, AsObject note, Emitter events) {
        checkOwn(note, sender);
        AsToStatus.unusable(note).ifPresent(why -> {
            throw InboxException.badRequest("unusable object: " + why);
        });
        RemoteNoteStore.Prepared prepared = store.prepare(tx, sender, note);
        if (prepared.state() == RemoteNoteStore.State.DELETED) {
            log.debug("Dropped the late Create of {}: already deleted", note.id());
        }
        if (prepared.state() != RemoteNoteStore.State.NEW) {
            return Optional.empty(); // a repeated Create (another id, same object) changes nothing
        }
        boolean concernsUs = !prepared.mentioned().isEmpty() || prepared.parent().map(Status::local).orElse(false)
                || follows.hasLocalFollowers(tx, sender.id());
        if (!concernsUs) {
            log.debug("Ignored {}: nobody here follows {} or is addressed", note.id(), sender.acct());
            return Optional.empty();
        }
        Status stored = store.insert(tx, sender, note, prepared);
        events.emit(new DomainEvent.StatusPosted(stored, prepared.mentioned()));
        return Optional.of(stored);
    }

    void update(DSLContext tx, Account sender, AsObject note, Emitter events) {
        checkOwn(note, sender);
        // A boost's row has the Announce's id as its uri: an "Update" of it is not an edit of a post.
        Optional<Status> before = statuses.findByUri(tx, note.id()).filter(s -> !s.isReblog())
                .flatMap(s -> statuses.findByIdForUpdate(tx, s.id()));
        if (before.isEmpty()) {
            return; // never stored: an edit of something we do not have is not a reason to store it
        }
        if (before.get().accountId() != sender.id()) {
            throw InboxException.forbidden("only the author can update " + note.id());
        }
        Instant at = note.updated() != null ? note.updated() : clock.instant();
        StatusContent content = store.content(note);
        // The media become the edited version's. A change of media alone is an edit too (as Mastodon
        // counts it): a new version whose text equals the last, since versions keep no media.
        boolean mediaChanged = store.replaceMedia(tx, before.get().id(), note);
        if (content.equals(before.get().content()) && !mediaChanged) {
            // A repeated Update (new id, same text): no new version, and no news for those who boosted it.
            return;
        }
        Status after = statuses.edit(tx, before.get(), content, at);
        statuses.addMentions(tx, before.get().id(), store.localMentions(tx, note));
        statuses.replaceTags(tx, before.get().id(), AsToStatus.hashtags(note));
        events.emit(new DomainEvent.StatusEdited(after));
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
}
