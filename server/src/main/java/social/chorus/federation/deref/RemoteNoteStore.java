package social.chorus.federation.deref;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import social.chorus.federation.convert.AsToMedia;
import social.chorus.federation.convert.AsToStatus;
import social.chorus.federation.vocab.AsObject;
import social.chorus.federation.vocab.Vocab;
import social.chorus.model.Account;
import social.chorus.model.MediaAttachment;
import social.chorus.model.Status;
import social.chorus.model.StatusContent;
import social.chorus.model.StatusTombstone;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.MediaAttachmentRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.TombstoneRepository;

/**
 * Stores a remote post whose origin the caller has checked (delivered in a signed Create by its
 * author, or fetched from its own server): one path for both, so a fetched parent is converted,
 * validated and stored exactly as a delivered post is.
 *
 * <p>Its media are stored with it, by their remote URLs (see {@link AsToMedia}).
 *
 * <p>A stored post adopts the replies that were waiting for it (stored earlier, with its uri as
 * their parent but no link yet): they get its id, and it counts them.
 */
public final class RemoteNoteStore {
    /** What storing a post would do, read before anything is written. */
    public enum State {
        /** Not stored yet: it can be inserted. */
        NEW,
        /** A post with this id is stored already. */
        STORED,
        /** Its author (or, for one we never had, its server) deleted it: it stays deleted. */
        DELETED
    }

    /**
     * @param existing the stored post, for {@link State#STORED}
     * @param mentioned local accounts the post mentions or addresses
     * @param parent the stored post it answers, if any
     */
    public record Prepared(State state, Optional<Status> existing, List<Long> mentioned, Optional<Status> parent) {
    }

    private final AccountRepository accounts;
    private final StatusRepository statuses;
    private final TombstoneRepository tombstones;
    private final MediaAttachmentRepository media;
    private final IdSource ids;
    private final Clock clock;
    private final AsToStatus toStatus = new AsToStatus();

    /** Where new status ids come from (time-sortable, made by the caller's generator). */
    @FunctionalInterface
    public interface IdSource {
        long next();
    }

    public RemoteNoteStore(AccountRepository accounts, StatusRepository statuses, TombstoneRepository tombstones,
            MediaAttachmentRepository media, IdSource ids, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.statuses = Objects.requireNonNull(statuses, "statuses");
        this.tombstones = Objects.requireNonNull(tombstones, "tombstones");
        this.media = Objects.requireNonNull(media, "media");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reads what storing {@code note} by {@code author} would meet; the caller decides whether to go on. */
    public Prepared prepare(DSLContext tx, Account author, AsObject note) {
        Optional<Status> existing = statuses.findByUri(tx, note.id());
        if (existing.isPresent()) {
            return new Prepared(State.STORED, existing, List.of(), Optional.empty());
        }
        Optional<StatusTombstone> deleted = tombstones.find(tx, note.id());
        if (deleted.isPresent() && (deleted.get().accountId() == null || deleted.get().accountId() == author.id())) {
            // Its Delete overtook it (deliveries are retried independently): it stays deleted.
            return new Prepared(State.DELETED, Optional.empty(), List.of(), Optional.empty());
        }
        Optional<Status> parent = note.inReplyTo() == null ? Optional.empty()
                : statuses.findByUri(tx, note.inReplyTo());
        return new Prepared(State.NEW, Optional.empty(), localMentions(tx, note), parent);
    }

    /** Inserts a post {@link #prepare} found {@link State#NEW}, and links the replies waiting for it. */
    public Status insert(DSLContext tx, Account author, AsObject note, Prepared prepared) {
        if (prepared.state() != State.NEW) {
            throw new IllegalStateException("not a new post: " + prepared.state());
        }
        Optional<Status> parent = prepared.parent();
        Status.Reply reply = note.inReplyTo() == null ? Status.Reply.NONE
                : new Status.Reply(parent.map(Status::id).orElse(null), note.inReplyTo(),
                        parent.map(Status::accountId).orElse(null));
        String conversation = AsToStatus.context(note)
                .orElseGet(() -> parent.map(Status::conversation).orElse(note.id()));
        Instant published = note.published() != null ? note.published() : clock.instant();
        Status s = new Status(ids.next(), note.id(), AsToStatus.url(note), author.id(), false, reply, conversation,
                AsToStatus.visibility(note, author), toStatus.content(note), null, Status.Counts.ZERO, published,
                null);
        Status stored = statuses.insert(tx, s, prepared.mentioned(), AsToStatus.hashtags(note));
        media.insert(tx, stored.id(), AsToMedia.attachments(note));
        statuses.linkReplies(tx, stored);
        return stored;
    }

    /**
     * Prepares and inserts: the stored post (the one already there, or the new one), or empty
     * when it was deleted.
     */
    public Optional<Status> store(DSLContext tx, Account author, AsObject note) {
        Prepared p = prepare(tx, author, note);
        switch (p.state()) {
            case STORED:
                return p.existing();
            case DELETED:
                return Optional.empty();
            default:
                return Optional.of(insert(tx, author, note, p));
        }
    }

    /** Local accounts named by Mention tags (by href) or addressed directly in to/cc. */
    public List<Long> localMentions(DSLContext tx, AsObject note) {
        Set<String> uris = new LinkedHashSet<>(AsToStatus.mentionedUris(note));
        uris.remove(Vocab.PUBLIC); // in nearly every post, and never an account
        return accounts.localIdsByUri(tx, uris); // one query however many are addressed
    }

    /** The content of an edited version, converted as on creation. */
    public StatusContent content(AsObject note) {
        return toStatus.content(note);
    }

    /**
     * What an edit does to a stored post's media: they become those of the edited version.
     * Earlier versions keep their text only (status_edit has no media).
     *
     * @return whether they changed (added, removed, reordered or described differently)
     */
    public boolean replaceMedia(DSLContext tx, long statusId, AsObject note) {
        List<MediaAttachment> after = AsToMedia.attachments(note);
        List<MediaAttachment> stored = media.of(tx, statusId);
        List<MediaAttachment> before = stored.stream().map(m -> m.withId(0)).toList();
        if (before.equals(after)) {
            return false;
        }
        media.replace(tx, statusId, stored, after);
        return true;
    }
}
