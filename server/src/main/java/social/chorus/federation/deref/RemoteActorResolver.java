package social.chorus.federation.deref;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import social.chorus.federation.sig.SigningKey;
import social.chorus.federation.vocab.AsActor;
import social.chorus.federation.vocab.AsCollection;
import social.chorus.federation.vocab.JsonLdException;
import social.chorus.federation.vocab.JsonLdReader;
import social.chorus.federation.vocab.ReadResult;

/**
 * Fetches remote actors: by handle (WebFinger, then the actor) or by actor/profile URL. Fetches
 * are signed with the instance actor's key, so servers in authorized-fetch mode answer too.
 *
 * <p><b>Origin check.</b> The document's {@code id} must be on the origin (host and port) that
 * served it, after redirects: anyone can serve JSON claiming to be someone else. When it is not
 * (a profile URL on one host describing an actor on another, say), the id itself is fetched once
 * from its own origin and that answer must carry the same id; otherwise the actor is refused.
 */
public final class RemoteActorResolver {
    private static final String INCOMPLETE = "an actor needs an id, an inbox and a preferredUsername";

    private final Vertx vertx;
    private final HttpFetcher fetcher;
    private final WebFingerClient webFinger;
    private final JsonLdReader reader;
    private final Supplier<Future<SigningKey>> instanceKey;

    /**
     * @param instanceKey the instance actor's signing key; asked for on every fetch, so the
     *     supplier should cache it
     */
    public RemoteActorResolver(Vertx vertx, HttpFetcher fetcher, WebFingerClient webFinger, JsonLdReader reader,
            Supplier<Future<SigningKey>> instanceKey) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.webFinger = Objects.requireNonNull(webFinger, "webFinger");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.instanceKey = Objects.requireNonNull(instanceKey, "instanceKey");
    }

    /** {@code @user@host}, {@code user@host}, {@code acct:user@host} or an http(s) URL. */
    public Future<AsActor> resolve(String handleOrUrl) {
        if (handleOrUrl == null || handleOrUrl.isBlank()) {
            return Future.failedFuture(new FetchException(FetchException.Reason.INVALID_URL, "nothing to resolve"));
        }
        if (Handle.looksLikeHandle(handleOrUrl) || handleOrUrl.trim().startsWith("acct:")) {
            return webFinger.resolve(handleOrUrl).compose(found -> fetchActor(found.actorId()));
        }
        return fetchActor(handleOrUrl);
    }

    /** The actor at {@code url}, origin-checked. */
    public Future<AsActor> fetchActor(String url) {
        return fetchOnce(url).compose(first -> {
            if (sameOrigin(first.actor().id(), first.servedFrom())) {
                if (complete(first.actor()) || first.actor().id().equals(url)) {
                    return usable(first);
                }
                // A stub that names its actor, as GoToSocial serves at its key URL (/users/x/main-key:
                // id, type, preferredUsername and publicKey only): the actor itself, once, same origin.
                String named = first.actor().id();
                return fetchOnce(named).compose(second -> second.actor().id().equals(named)
                        && sameOrigin(named, second.servedFrom()) ? usable(second)
                        : Future.failedFuture(new ResolveException(ResolveException.Reason.NOT_AN_ACTOR,
                                url + " names the actor " + named + ", which serves another document")));
            }
            String claimed = first.actor().id();
            String refusal = "the actor served by " + first.servedFrom().authority()
                    + " claims an id on another server, which does not confirm it";
            return fetchOnce(claimed)
                    .recover(e -> Future.failedFuture(
                            new ResolveException(ResolveException.Reason.ORIGIN_MISMATCH, refusal, e)))
                    .compose(second -> {
                        if (second.actor().id().equals(claimed) && sameOrigin(claimed, second.servedFrom())) {
                            return usable(second);
                        }
                        return Future.failedFuture(
                                new ResolveException(ResolveException.Reason.ORIGIN_MISMATCH, refusal));
                    });
        });
    }

    /**
     * The {@code totalItems} of a collection of {@code actor} (its followers, following or outbox),
     * empty when the collection is absent, on another origin, hidden or unreadable: counts are
     * cosmetic and never fail a resolution.
     */
    public Future<Optional<Long>> collectionSize(AsActor actor, String collectionUrl) {
        if (collectionUrl == null || !sameOrigin(collectionUrl, OutboundUrl.parse(actor.id()))) {
            return Future.succeededFuture(Optional.empty());
        }
        FetchRequest request;
        try {
            request = FetchRequest.activity(collectionUrl);
        } catch (FetchException e) {
            return Future.succeededFuture(Optional.empty());
        }
        return instanceKey.get()
                .compose(key -> fetcher.get(request.signedBy(key)))
                .compose(resp -> vertx.executeBlocking(() -> reader.read(resp.bytes()).collection()
                        .map(AsCollection::totalItems).filter(n -> n >= 0), false))
                .otherwise(Optional.empty());
    }

    private record Fetched(AsActor actor, OutboundUrl servedFrom) {
    }

    private Future<Fetched> fetchOnce(String url) {
        FetchRequest request;
        try {
            request = FetchRequest.activity(url);
        } catch (FetchException e) {
            return Future.failedFuture(e);
        }
        return instanceKey.get()
                .compose(key -> fetcher.get(request.signedBy(key)))
                .compose(resp -> vertx.executeBlocking(() -> read(resp), false));
    }

    /** JSON-LD reading is CPU work (milliseconds for a cold or large document): off the event loop. */
    private Fetched read(FetchResponse resp) {
        String where = resp.finalUrl().forLog();
        ReadResult result;
        try {
            result = reader.read(resp.bytes());
        } catch (JsonLdException e) {
            throw new ResolveException(ResolveException.Reason.UNREADABLE, where + ": " + e.getMessage(), e);
        }
        AsActor actor = result.actor().orElseThrow(() -> new ResolveException(ResolveException.Reason.NOT_AN_ACTOR,
                where + " is not an actor but a " + result.kind().name().toLowerCase()));
        if (actor.id() == null) {
            throw new ResolveException(ResolveException.Reason.NOT_AN_ACTOR, where + ": " + INCOMPLETE);
        }
        return new Fetched(actor, resp.finalUrl());
    }

    private static boolean complete(AsActor actor) {
        return actor.inbox() != null && actor.preferredUsername() != null && !actor.preferredUsername().isBlank();
    }

    private static Future<AsActor> usable(Fetched fetched) {
        return complete(fetched.actor()) ? Future.succeededFuture(fetched.actor())
                : Future.failedFuture(new ResolveException(ResolveException.Reason.NOT_AN_ACTOR,
                        fetched.servedFrom().forLog() + ": " + INCOMPLETE));
    }

    static boolean sameOrigin(String id, OutboundUrl servedFrom) {
        try {
            return OutboundUrl.parse(id).authority().equalsIgnoreCase(servedFrom.authority());
        } catch (FetchException e) {
            return false;
        }
    }
}
