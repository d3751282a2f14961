package social.chorus.process.status;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.LocalIds;
import social.chorus.model.Status;
import social.chorus.model.StatusActivity;
import social.chorus.model.StatusContent;
import social.chorus.model.StatusView;
import social.chorus.model.Visibility;
import social.chorus.process.ClientError;
import social.chorus.process.event.DomainEvent;
import social.chorus.process.event.Events;
import social.chorus.process.text.PostText;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;
import social.chorus.storage.IdempotencyRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.TombstoneRepository;

/**
 * Local posts: create (with replies, mentions, hashtags and an idempotency key), edit (earlier
 * versions kept) and delete. Each change and its counts commit in one transaction. Remote
 * accounts are never fetched here: a mention of one not already stored stays plain text.
 */
public final class StatusService {
    /** How long an Idempotency-Key returns the status it first created (as Mastodon: one hour). */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(1);
    private static final Set<String> ISO_639_1 = Set.copyOf(Arrays.asList(Locale.getISOLanguages()));

    /** Remote accounts looked up for one post's mentions, at most (the rest must be known already). */
    static final int MAX_RESOLVED_MENTIONS = 10;

    /**
     * What a status service needs. {@code remoteMentions} finds a remote account by its handle
     * ({@code @user@host}), fetching it when it is not stored; null for an instance that does not
     * federate (mentions of unknown remote accounts then stay plain text).
     */
    public record Deps(Db db, Events events, Clock clock, LocalIds ids, StatusIds statusIds, StatusRepository statuses,
            IdempotencyRepository idempotency, AccountRepository accounts, StatusAccess access, PostText text,
            int maxChars, StatusFanout fanout, TombstoneRepository tombstones,
            Function<String, Future<Account>> remoteMentions) {
    }

    private final Deps d;

    public StatusService(Deps deps) {
        this.d = deps;
    }

    public Future<StatusView> create(long authorId, NewStatus n) {
        String text = n.text() == null ? "" : n.text();
        String spoiler = n.spoilerText() == null ? "" : n.spoilerText().strip();
        if (text.isBlank()) {
            return Future.failedFuture(new ClientError(422, "Validation failed: Text can't be blank"));
        }
        Visibility visibility;
        try {
            visibility = visibility(n.visibility());
            checkLength(text, spoiler);
        } catch (ClientError e) {
            return Future.failedFuture(e);
        }
        String language = language(n.language());
        boolean sensitive = Boolean.TRUE.equals(n.sensitive()) || !spoiler.isEmpty();
        String keyHash = n.idempotencyKey() == null || n.idempotencyKey().isBlank() ? null : sha256(n.idempotencyKey());
        return resolveRemoteMentions(text).compose(resolved -> d.events().tx((dsl, events) -> {
            Account author = d.accounts().findById(dsl, authorId).filter(Account::local)
                    .orElseThrow(() -> ClientError.notFound("Account"));
            if (keyHash != null) {
                Optional<Long> earlier = d.idempotency().find(dsl, authorId, keyHash,
                        d.clock().instant().minus(IDEMPOTENCY_WINDOW));
                Optional<Status> first = earlier.flatMap(id -> d.statuses().findById(dsl, id));
                if (first.isPresent()) {
                    return view(dsl, first.get());
                }
            }
            Status parent = null;
            if (n.inReplyToId() != null) {
                parent = d.statuses().findById(dsl, n.inReplyToId())
                        .filter(p -> d.access().canSee(dsl, p, authorId))
                        .orElseThrow(() -> new ClientError(404, "Record not found"));
            }
            Mentions mentions = resolve(dsl, text);
            long id = d.statusIds().next();
            String uri = d.ids().actor(author.username()) + "/statuses/" + id;
            Status s = new Status(id, uri, d.ids().profilePage(author.username()) + "/" + id, authorId, true,
                    parent == null ? Status.Reply.NONE
                            : new Status.Reply(parent.id(), parent.uri(), parent.accountId()),
                    parent == null ? d.ids().baseUrl() + "/contexts/" + id : parent.conversation(), visibility,
                    new StatusContent(text, d.text().render(text, mentions.targets()), spoiler, sensitive, language),
                    n.applicationId(), Status.Counts.ZERO, d.clock().instant(), null);
            Status stored = d.statuses().insert(dsl, s, mentions.accountIds(), d.text().scan(text).tags());
            if (keyHash != null) {
                d.idempotency().remember(dsl, authorId, keyHash, id);
            }
            StatusView created = view(dsl, stored);
            d.fanout().send(dsl, StatusActivity.Create.of(created));
            events.emit(DomainEvent.StatusPosted.of(created));
            return created;
        }));
    }

    /** Edits the author's own status; anyone else gets 404, as if it did not exist (as Mastodon). */
    public Future<StatusView> edit(long authorId, long statusId, StatusChange change) {
        return resolveRemoteMentions(change.text()).compose(resolved -> d.events().tx((dsl, events) -> {
            Status before = own(dsl, authorId, statusId);
            String text = change.text() != null ? change.text() : before.content().text();
            String spoiler = change.spoilerText() != null ? change.spoilerText().strip()
                    : before.content().spoilerText();
            if (text == null || text.isBlank()) {
                throw new ClientError(422, "Validation failed: Text can't be blank");
            }
            checkLength(text, spoiler);
            boolean sensitive = (change.sensitive() != null ? change.sensitive() : before.content().sensitive())
                    || !spoiler.isEmpty();
            String language = change.language() != null ? language(change.language()) : before.content().language();
            Mentions mentions = resolve(dsl, text);
            StatusContent content = new StatusContent(text, d.text().render(text, mentions.targets()), spoiler,
                    sensitive, language);
            Status after = d.statuses().edit(dsl, before, content, d.clock().instant());
            d.statuses().addMentions(dsl, statusId, mentions.accountIds());
            d.statuses().replaceTags(dsl, statusId, d.text().scan(text).tags());
            StatusView edited = view(dsl, after);
            d.fanout().send(dsl, StatusActivity.Update.of(edited));
            events.emit(new DomainEvent.StatusEdited(edited.status()));
            return edited;
        }));
    }

    /**
     * Deletes the author's own status and returns it as it was; its replies stay. A tombstone
     * keeps its id, so that the object endpoint answers 410 Gone instead of 404.
     */
    public Future<StatusView> delete(long authorId, long statusId) {
        return d.db().tx(dsl -> {
            Status s = own(dsl, authorId, statusId);
            StatusView gone = view(dsl, s);
            // Queued before the delete, while its boosts (which go with it) still say where it travelled.
            d.fanout().send(dsl, StatusActivity.Delete.of(gone));
            d.statuses().delete(dsl, s);
            d.tombstones().record(dsl, s.uri(), s.accountId(), s.visibility());
            return gone;
        });
    }

    /** The author's own post, locked; a boost is not a post to edit or delete (unreblog undoes it). */
    private Status own(DSLContext dsl, long authorId, long statusId) {
        return d.statuses().findByIdForUpdate(dsl, statusId).filter(s -> s.accountId() == authorId && !s.isReblog())
                .orElseThrow(() -> new ClientError(404, "Record not found"));
    }

    private StatusView view(DSLContext dsl, Status s) {
        Account author = d.accounts().findById(dsl, s.accountId()).orElseThrow();
        return new StatusView(s, author, d.statuses().mentions(dsl, s.id()), d.statuses().tags(dsl, s.id()));
    }

    private record Mentions(Map<String, PostText.MentionTarget> targets, List<Long> accountIds) {
    }

    /**
     * Before the post is written (outside its transaction: this may ask other servers), the remote
     * accounts it mentions are looked up, and fetched by WebFinger when not stored, at most
     * {@link #MAX_RESOLVED_MENTIONS}. One that cannot be found simply stays plain text.
     */
    private Future<Void> resolveRemoteMentions(String text) {
        if (d.remoteMentions() == null || text == null) {
            return Future.succeededFuture();
        }
        List<Future<Account>> lookups = d.text().scan(text).mentions().stream().filter(m -> m.host() != null)
                .map(PostText.MentionRef::key).distinct().limit(MAX_RESOLVED_MENTIONS)
                .map(handle -> d.remoteMentions().apply("@" + handle).otherwiseEmpty()).toList();
        return Future.join(lookups).<Void>mapEmpty().otherwiseEmpty();
    }

    /** Looks mentioned accounts up among those stored (remote ones were fetched beforehand); unknown ones are left out. */
    private Mentions resolve(DSLContext dsl, String text) {
        Map<String, PostText.MentionTarget> targets = new HashMap<>();
        Map<Long, Boolean> ids = new java.util.LinkedHashMap<>();
        for (PostText.MentionRef ref : d.text().scan(text).mentions()) {
            d.accounts().findByUsername(dsl, ref.username(), ref.host() == null ? "" : ref.host()).ifPresent(a -> {
                targets.put(ref.key(), new PostText.MentionTarget(a.username(), a.url() != null ? a.url() : a.uri()));
                ids.put(a.id(), true);
            });
        }
        return new Mentions(targets, List.copyOf(ids.keySet()));
    }

    private void checkLength(String text, String spoiler) {
        if (PostText.countedLength(text) + PostText.countedLength(spoiler) > d.maxChars()) {
            throw new ClientError(422, "Validation failed: Text character limit of " + d.maxChars() + " exceeded");
        }
    }

    private static Visibility visibility(String name) {
        if (name == null || name.isBlank()) {
            return Visibility.PUBLIC;
        }
        return Visibility.fromApiName(name.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new ClientError(422, "Validation failed: Visibility is not included in the list"));
    }

    /** As Mastodon: a valid ISO 639-1 code is kept, anything else becomes "no language". */
    static String language(String code) {
        if (code == null) {
            return null;
        }
        String c = code.strip().toLowerCase(Locale.ROOT);
        return c.length() == 2 && ISO_639_1.contains(c) ? c : null;
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
