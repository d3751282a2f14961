package social.chorus.federation.inbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.federation.delivery.UnavailableHosts;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.federation.sig.KeyIds;
import social.chorus.federation.vocab.AsActivity;
import social.chorus.federation.vocab.JsonLdException;
import social.chorus.federation.vocab.JsonLdReader;
import social.chorus.federation.vocab.ReadResult;
import social.chorus.model.Account;
import social.chorus.process.follow.InboundFollows;
import social.chorus.process.interaction.InboundInteractions;
import social.chorus.process.status.StatusIds;
import social.chorus.storage.AccountRepository;
import social.chorus.process.event.Events;
import social.chorus.storage.Db;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.PinRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.ReceivedActivityRepository;
import social.chorus.storage.TombstoneRepository;

/**
 * The inbound pipeline: signature verified (before anything is stored), JSON-LD read, origin
 * checked (the signer is the activity's actor, the activity's id is on the signer's host), then
 * in one transaction the duplicate check and the handler for the activity's type.
 */
public final class InboxProcessor {
    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);

    /** What became of a delivery that was accepted (202). */
    public enum Outcome {
        HANDLED, DUPLICATE, IGNORED
    }

    private final Vertx vertx;
    private final Db db;
    private final Events events;
    private final SignatureCheck signatures;
    private final JsonLdReader reader;
    private final ReceivedActivityRepository received;
    private final AccountRepository accounts;
    private final Map<String, ActivityHandler> handlers;
    private final UnavailableHosts unavailableHosts;

    /**
     * What an inbox needs. {@code remote} fetches, in the background, the missing parents of a
     * stored remote post, posts boosted or pinned before we had them and the pins of an updated actor ({@link RemotePosts#NONE}: nothing);
     * {@code unavailableHosts} is told of every verified sender, so that a host we had given up
     * on is delivered to again once it speaks to us.
     */
    public record Deps(Vertx vertx, Db db, Events events, JsonLdReader reader, SignatureCheck signatures, Clock clock,
            AccountRepository accounts, ReceivedActivityRepository received, InboundFollows follows,
            RemotePosts remote, UnavailableHosts unavailableHosts, StatusIds statusIds) {
    }

    public InboxProcessor(Deps d) {
        Vertx vertx = d.vertx();
        Db db = d.db();
        Events events = d.events();
        Clock clock = d.clock();
        AccountRepository accounts = d.accounts();
        InboundFollows follows = d.follows();
        RemotePosts remote = d.remote();
        UnavailableHosts unavailableHosts = d.unavailableHosts();
        JsonLdReader reader = d.reader();
        SignatureCheck signatures = d.signatures();
        ReceivedActivityRepository received = d.received();
        this.vertx = vertx;
        this.unavailableHosts = unavailableHosts;
        this.db = db;
        this.events = events;
        this.signatures = signatures;
        this.reader = reader;
        this.received = received;
        this.accounts = accounts;
        LocalTargets targets = new LocalTargets(accounts);
        StatusIds statusIds = d.statusIds();
        RemoteNotes notes = new RemoteNotes(accounts, new StatusRepository(clock), new TombstoneRepository(clock),
                new FollowRepository(clock), statusIds, clock);
        InboundInteractions interactions = new InboundInteractions(clock, statusIds);
        RemotePins pins = new RemotePins(db, accounts, new StatusRepository(clock), new PinRepository(clock), remote,
                clock);
        this.handlers = List.of(
                new FollowHandler(targets, follows),
                AnswerHandler.accept(targets, follows),
                AnswerHandler.reject(targets, follows),
                new UndoHandler(targets, follows, interactions),
                new LikeHandler(interactions),
                new DislikeHandler(interactions),
                new AnnounceHandler(interactions, new LateBoosts(db, events, new StatusRepository(clock),
                        new FollowRepository(clock), interactions, remote)),
                new BlockHandler(targets, follows),
                new CreateHandler(notes, remote::fetchParentsLater),
                new UpdateHandler(accounts, clock, notes, remote),
                new AddHandler(pins),
                new RemoveHandler(pins),
                new DeleteHandler(accounts, follows, notes, interactions))
                .stream().collect(Collectors.toUnmodifiableMap(ActivityHandler::type, Function.identity()));
    }

    /**
     * @param inboxOwner the username of a personal inbox, empty for the shared inbox
     * @return the outcome; fails with {@link InboxException} carrying the status to answer
     */
    public Future<Outcome> receive(HttpRequestView request, Optional<String> inboxOwner) {
        // A verified signature proves the sender's host is up: one that we stopped delivering to gets
        // deliveries again (a set lookup unless it is such a host).
        Future<Account> signer = signatures.signer(request)
                .compose(s -> unavailableHosts.contacted(s).map(revived -> s));
        return signer.recover(refused -> goneActorsFarewell(request, refused))
                .compose(s -> s == null ? Future.succeededFuture(Outcome.IGNORED)
                        : read(request).map(activity -> new Inbound(activity, s, Optional.empty()))
                                .compose(in -> checkOrigin(in).compose(ok -> handle(in, inboxOwner))));
    }

    /**
     * A deleted actor's server announces the Delete signed with a key that can no longer be fetched
     * (410). When we never stored that actor there is nothing to delete: answer 202 (null signer)
     * so its server stops retrying, as Mastodon does. Any other refusal stands.
     */
    private Future<Account> goneActorsFarewell(HttpRequestView request, Throwable refused) {
        Optional<String> actor = SelfDelete.actorOf(request.body());
        if (actor.isEmpty()) {
            return Future.failedFuture(refused);
        }
        return db.read(dsl -> accounts.findByUri(dsl, actor.get())).compose(found -> found.isEmpty()
                ? Future.succeededFuture((Account) null) : Future.failedFuture(refused));
    }

    private Future<AsActivity> read(HttpRequestView request) {
        // Parsing is CPU work proportional to the body (up to 1 MiB): keep it off the event loop.
        return vertx.executeBlocking(() -> {
            ReadResult result;
            try {
                result = reader.read(request.body());
            } catch (JsonLdException e) {
                throw InboxException.badRequest("unreadable activity: " + e.getMessage());
            }
            return result.activity().orElseThrow(() -> InboxException.badRequest(
                    "not an activity: a " + result.document().type() + " was posted"));
        }, false);
    }

    private Future<Void> checkOrigin(Inbound in) {
        AsActivity a = in.activity();
        if (a.actor() == null || !a.actor().equals(in.sender().uri())) {
            return Future.failedFuture(InboxException.unauthorized("the signing key belongs to " + in.sender().uri()
                    + ", not to the activity's actor " + a.actor()));
        }
        if (a.id() != null && !KeyIds.sameHost(a.id(), in.sender().uri())) {
            return Future.failedFuture(InboxException.forbidden("activity id " + a.id()
                    + " is not on the actor's host " + host(in.sender().uri())));
        }
        return Future.succeededFuture();
    }

    /**
     * The duplicate check and the handler in one transaction; a personal inbox's owner is looked
     * up in it too (one trip to the database pool per delivery instead of two).
     */
    private Future<Outcome> handle(Inbound verified, Optional<String> owner) {
        ActivityHandler handler = handlers.get(verified.activity().type());
        if (handler == null) {
            // Types nobody here acts on (EmojiReact, Flag, Move…) are accepted and ignored. Nothing to
            // repeat, so nothing to remember: the table stays small, and no database work.
            return Future.succeededFuture(Outcome.IGNORED).onSuccess(outcome -> logOutcome(verified, outcome));
        }
        return events.tx((tx, emitted) -> {
            Inbound in = owner.isEmpty() ? verified : new Inbound(verified.activity(), verified.sender(),
                    accounts.findByUsername(tx, owner.get(), ""));
            if (in.activity().id() != null && !received.markReceived(tx, in.activity().id())) {
                return Outcome.DUPLICATE;
            }
            handler.handle(tx, in, emitted);
            return Outcome.HANDLED;
        }).map(outcome -> {
            if (outcome == Outcome.HANDLED) {
                afterCommit(handler, verified);
            }
            return outcome;
        }).onSuccess(outcome -> logOutcome(verified, outcome));
    }

    private static void logOutcome(Inbound in, Outcome outcome) {
        log.debug("{} {} from {}: {}", in.activity().type(), in.activity().id(), in.sender().acct(), outcome);
    }

    private static void afterCommit(ActivityHandler handler, Inbound in) {
        try {
            handler.afterCommit(in);
        } catch (RuntimeException e) {
            // What follows a commit is a bonus (a parent fetched): the activity itself is handled.
            log.warn("After handling {} {}: {}", in.activity().type(), in.activity().id(), e.toString());
        }
    }

    static String host(String uri) {
        try {
            return URI.create(uri).getAuthority();
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    /** For tests and logs: the signer resolved for a request, without handling it. */
    Future<Account> signer(HttpRequestView request) {
        return signatures.signer(request);
    }
}
