package social.chorus.federation.objects;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.Supplier;
import social.chorus.federation.access.RequestViews;
import social.chorus.federation.convert.StatusToAs;
import social.chorus.federation.inbox.InboxException;
import social.chorus.federation.inbox.SignatureCheck;
import social.chorus.http.RouteModule;
import social.chorus.model.LocalIds;
import social.chorus.model.BoostActivity;
import social.chorus.process.ClientError;
import social.chorus.process.status.StatusQueries;

/**
 * A local post at its id, {@code /users/{name}/statuses/{id}}, as an ActivityStreams Note for
 * clients that ask for ActivityStreams. Public and unlisted posts are anyone's; followers-only and
 * direct ones only answer a signed GET from an actor allowed to see them. A deleted post answers
 * 410 Gone with a Tombstone to whoever could have seen it (a followers-only one: a signed GET
 * from a follower). Everything else is 404, as if the post did not exist, so that its existence
 * is not revealed. A boost's Announce answers at the boost's id, and every post's likes and
 * shares at {@code …/likes} and {@code …/shares}, by the same rules.
 */
public final class StatusObjectRoutes implements RouteModule {
    private static final String PATH = "/users/(?<name>[A-Za-z0-9_]{1,64})/statuses/(?<id>[0-9]{1,19})";

    private final StatusQueries statuses;
    private final SignatureCheck signatures;
    private final StatusToAs toAs;
    private final String scheme;
    private final LocalIds ids;

    public StatusObjectRoutes(StatusQueries statuses, SignatureCheck signatures, StatusToAs toAs, String baseUrl) {
        this.statuses = statuses;
        this.signatures = signatures;
        this.toAs = toAs;
        this.scheme = URI.create(baseUrl).getScheme();
        this.ids = new LocalIds(baseUrl);
    }

    /** What is asked for at or under a status's id. */
    private enum Part { NOTE, ANNOUNCE, LIKES, SHARES }

    @Override
    public void mount(Router router) {
        router.getWithRegex(PATH).handler(ctx -> serve(ctx, Part.NOTE));
        router.getWithRegex(PATH + "/activity").handler(ctx -> serve(ctx, Part.ANNOUNCE));
        router.getWithRegex(PATH + "/likes").handler(ctx -> serve(ctx, Part.LIKES));
        router.getWithRegex(PATH + "/shares").handler(ctx -> serve(ctx, Part.SHARES));
    }

    /**
     * A post's Note (its likes and shares: collections that only count), or a boost's Announce
     * at the boost's id ({@code …/statuses/ID/activity}). A boost is never served as a Note.
     */
    private void serve(RoutingContext ctx, Part part) {
        if (!wantsActivityStreams(ctx)) {
            ctx.next(); // no HTML page for posts yet: whatever else is mounted answers, else 404
            return;
        }
        String name = ctx.pathParam("name");
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ctx.fail(new ClientError(404, "Record not found"));
            return;
        }
        Supplier<Future<Long>> signer = once(() -> signer(ctx));
        statuses.get(null, id)
                .recover(hidden -> signer.get().compose(viewer -> viewer == null ? Future.failedFuture(hidden)
                        : statuses.get(viewer, id)))
                .onSuccess(v -> {
                    boolean boost = v.status().isReblog();
                    if (!v.status().local() || !v.account().username().equals(name)
                            || boost != (part == Part.ANNOUNCE)) {
                        ctx.fail(new ClientError(404, "Record not found"));
                        return;
                    }
                    send(ctx, switch (part) {
                        case NOTE -> toAs.note(v);
                        case ANNOUNCE -> toAs.boost(new BoostActivity.Announce(v.account(), v.status(), v.reblog()));
                        case LIKES -> StatusToAs.counted(v.status().uri() + "/likes", v.status().counts().favourites())
                                .put("@context", "https://www.w3.org/ns/activitystreams");
                        case SHARES -> StatusToAs.counted(v.status().uri() + "/shares", v.status().counts().reblogs())
                                .put("@context", "https://www.w3.org/ns/activitystreams");
                    });
                })
                .onFailure(e -> {
                    if (e instanceof ClientError c && c.status() != 404) {
                        ctx.fail(e);
                        return;
                    }
                    if (part != Part.NOTE) {
                        ctx.fail(new ClientError(404, "Record not found"));
                        return;
                    }
                    gone(ctx, ids.actor(name) + "/statuses/" + id, signer);
                });
    }

    /** A deleted post its requester could have seen: 410 with a Tombstone; anything else 404. */
    private void gone(RoutingContext ctx, String uri, Supplier<Future<Long>> signer) {
        statuses.tombstone(null, uri)
                .compose(t -> t.isPresent() ? Future.succeededFuture(t)
                        : signer.get().compose(viewer -> viewer == null ? Future.succeededFuture(t)
                                : statuses.tombstone(viewer, uri)))
                .onSuccess(t -> {
                    if (t.isEmpty()) {
                        ctx.fail(new ClientError(404, "Record not found"));
                        return;
                    }
                    JsonObject tombstone = new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
                            .put("id", t.get().uri()).put("type", "Tombstone").put("formerType", "Note")
                            .put("deleted", DateTimeFormatter.ISO_INSTANT.format(
                                    t.get().deletedAt().truncatedTo(ChronoUnit.SECONDS)));
                    ctx.response().setStatusCode(410)
                            .putHeader("Content-Type", "application/activity+json; charset=utf-8")
                            .putHeader("Vary", "Accept, Signature")
                            .end(tombstone.encode());
                })
                .onFailure(e -> ctx.fail(e instanceof ClientError ? e : new ClientError(404, "Record not found")));
    }

    /** The signer is verified at most once per request, however many lookups need it. */
    private static <T> Supplier<T> once(Supplier<T> s) {
        Object[] memo = new Object[1];
        return () -> {
            if (memo[0] == null) {
                memo[0] = s.get();
            }
            @SuppressWarnings("unchecked")
            T t = (T) memo[0];
            return t;
        };
    }

    /** The account id of a valid signer, or null for an unsigned or badly signed request. */
    private Future<Long> signer(RoutingContext ctx) {
        if (ctx.request().getHeader("Signature") == null && ctx.request().getHeader("Signature-Input") == null) {
            return Future.succeededFuture(null);
        }
        return signatures.signer(RequestViews.withoutBody(ctx.request(), scheme)).map(a -> (Long) a.id())
                .recover(e -> e instanceof InboxException ? Future.succeededFuture(null) : Future.failedFuture(e));
    }

    private void send(RoutingContext ctx, JsonObject document) {
        ctx.response().putHeader("Content-Type", "application/activity+json; charset=utf-8")
                .putHeader("Vary", "Accept, Signature")
                .end(document.encode());
    }

    private static boolean wantsActivityStreams(RoutingContext ctx) {
        String accept = String.join(",", ctx.request().headers().getAll("Accept")).toLowerCase(Locale.ROOT);
        return accept.contains("application/activity+json") || accept.contains("application/ld+json");
    }
}
