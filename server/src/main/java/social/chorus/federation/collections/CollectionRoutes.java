package social.chorus.federation.collections;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Optional;
import social.chorus.federation.access.FetchAccess;
import social.chorus.federation.access.RequestViews;
import social.chorus.federation.convert.StatusToAs;
import social.chorus.http.RouteModule;
import social.chorus.model.Account;
import social.chorus.model.LocalIds;
import social.chorus.process.ClientError;
import social.chorus.process.account.AccountService;
import social.chorus.process.follow.FollowLists;
import social.chorus.process.status.StatusPins;

/**
 * {@code /users/{name}/followers}, {@code /following} and {@code /outbox} as ActivityStreams
 * OrderedCollections: the collection gives totalItems and a first page; pages hold actor ids,
 * newest first, and link the next page by cursor ({@code max_id}) so they stay stable while
 * follows come and go. {@code /users/{name}/collections/featured} holds the pinned posts as Notes,
 * unpaged, as Mastodon serves it. Under authorized fetch the collections of people answer only signed
 * requests (401 otherwise, 403 for a signer the owner blocks); the instance actor's stays public.
 */
public final class CollectionRoutes implements RouteModule {
    static final int PAGE_SIZE = 40;
    private static final String AS = "https://www.w3.org/ns/activitystreams";

    private final FollowLists lists;
    private final AccountService accounts;
    private final StatusPins pins;
    private final StatusToAs toAs;
    private final LocalIds ids;
    private final FetchAccess access;
    private final String scheme;

    public CollectionRoutes(FollowLists lists, AccountService accounts, StatusPins pins, StatusToAs toAs,
            LocalIds ids, FetchAccess access) {
        this.lists = lists;
        this.accounts = accounts;
        this.pins = pins;
        this.toAs = toAs;
        this.ids = ids;
        this.access = access;
        this.scheme = URI.create(ids.baseUrl()).getScheme();
    }

    @Override
    public void mount(Router router) {
        router.get("/users/:name/followers").handler(ctx -> follows(ctx, FollowLists.Direction.FOLLOWERS));
        router.get("/users/:name/following").handler(ctx -> follows(ctx, FollowLists.Direction.FOLLOWING));
        router.get("/users/:name/outbox").handler(this::outbox);
        router.get("/users/:name/collections/featured").handler(this::featured);
        // The instance actor posts nothing; its outbox exists because its actor document names it.
        router.get("/actor/outbox").handler(ctx -> send(ctx, new JsonObject().put("@context", AS)
                .put("id", ids.baseUrl() + "/actor/outbox").put("type", "OrderedCollection").put("totalItems", 0)
                .put("orderedItems", new JsonArray())));
    }

    private void follows(RoutingContext ctx, FollowLists.Direction direction) {
        String name = ctx.pathParam("name");
        String base = direction == FollowLists.Direction.FOLLOWERS ? ids.followers(name) : ids.following(name);
        Optional<Long> maxId = cursor(ctx);
        boolean page = ctx.queryParams().contains("page") || maxId.isPresent();
        permitted(ctx, name).compose(ok -> lists.ofLocal(name, direction, maxId, PAGE_SIZE)).onSuccess(p -> {
            JsonArray items = new JsonArray();
            p.accounts().stream().map(Account::uri).forEach(items::add);
            JsonObject json;
            if (page) {
                json = new JsonObject().put("@context", AS)
                        .put("id", base + "?page=true" + maxId.map(m -> "&max_id=" + m).orElse(""))
                        .put("type", "OrderedCollectionPage").put("totalItems", p.total()).put("partOf", base)
                        .put("orderedItems", items);
                p.nextMaxId().ifPresent(next -> json.put("next", base + "?page=true&max_id=" + next));
            } else {
                json = new JsonObject().put("@context", AS).put("id", base).put("type", "OrderedCollection")
                        .put("totalItems", p.total()).put("first", base + "?page=true");
            }
            send(ctx, json);
        }).onFailure(ctx::fail);
    }

    /** Posts arrive with the next feature; until then the outbox is a true, empty collection. */
    private void outbox(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        permitted(ctx, name).compose(ok -> accounts.findLocal(name))
                .map(found -> found.orElseThrow(() -> ClientError.notFound("Account"))).onSuccess(owner -> {
            String base = ids.outbox(name);
            boolean page = ctx.queryParams().contains("page");
            JsonObject json = page
                    ? new JsonObject().put("@context", AS).put("id", base + "?page=true")
                            .put("type", "OrderedCollectionPage").put("partOf", base).put("orderedItems", new JsonArray())
                    : new JsonObject().put("@context", AS).put("id", base).put("type", "OrderedCollection")
                            .put("totalItems", owner.counts().statuses()).put("first", base + "?page=true");
            send(ctx, json);
        }).onFailure(ctx::fail);
    }

    /** The pinned posts other servers may show: public and unlisted ones only, whoever asks. */
    private void featured(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        permitted(ctx, name).compose(ok -> accounts.findLocal(name))
                .map(found -> found.orElseThrow(() -> ClientError.notFound("Account")))
                .compose(owner -> pins.featuredOf(owner.id())
                        .map(pinned -> toAs.featured(ids.featured(owner.username()), pinned)))
                .onSuccess(json -> send(ctx, json)).onFailure(ctx::fail);
    }

    /** Succeeds when the request may read {@code name}'s collections; fails with 404, 401 or 403. */
    private Future<Void> permitted(RoutingContext ctx, String name) {
        if (!access.required()) {
            return Future.succeededFuture();
        }
        return accounts.findLocal(name)
                .map(found -> found.orElseThrow(() -> ClientError.notFound("Account")))
                .compose(owner -> access.decide(RequestViews.withoutBody(ctx.request(), scheme), owner))
                .compose(decision -> {
                    ctx.response().putHeader("Vary", "Signature");
                    return switch (decision.verdict()) {
                        case OPEN, SIGNED -> Future.succeededFuture();
                        case BLOCKED -> Future.failedFuture(new ClientError(403, "Forbidden"));
                        case UNSIGNED -> Future.failedFuture(new ClientError(401,
                                "Request not signed or signature refused: " + decision.reason()));
                    };
                });
    }

    private static Optional<Long> cursor(RoutingContext ctx) {
        String raw = ctx.queryParams().get("max_id");
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            throw ClientError.badRequest("max_id must be a number");
        }
    }

    private static void send(RoutingContext ctx, JsonObject json) {
        ctx.response().putHeader("Content-Type", "application/activity+json; charset=utf-8").end(json.encode());
    }
}
