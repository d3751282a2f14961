package social.chorus.api.interactions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;
import social.chorus.api.ApiAuth;
import social.chorus.api.ApiJson;
import social.chorus.api.ApiParams;
import social.chorus.api.accounts.AccountJson;
import social.chorus.api.statuses.StatusJson;
import social.chorus.http.RouteModule;
import social.chorus.model.Account;
import social.chorus.process.ClientError;
import social.chorus.process.auth.Caller;
import social.chorus.process.interaction.Interacted;
import social.chorus.process.interaction.InteractionQueries;
import social.chorus.process.interaction.InteractionServices;
import social.chorus.process.timeline.TimelineService;
import social.chorus.storage.StatusRepository.PageQuery;

/**
 * Likes and boosts in the client API, as Mastodon's: favourite, unfavourite, reblog and unreblog
 * a status; who liked or boosted one; the signed-in person's likes; and (Chorus's own) the posts
 * an account liked, as its profile shows them. Lists page by the like's or boost's id with a Link
 * header, as Mastodon pages them.
 */
public final class InteractionRoutes implements RouteModule {
    private static final String STATUS = "/api/v1/statuses/(?<id>[0-9]{1,19})";

    private final InteractionServices interactions;
    private final ApiAuth auth;
    private final StatusJson json;
    private final AccountJson accountJson;
    private final String baseUrl;

    public InteractionRoutes(InteractionServices interactions, ApiAuth auth, StatusJson json, AccountJson accountJson,
            String baseUrl) {
        this.interactions = interactions;
        this.auth = auth;
        this.json = json;
        this.accountJson = accountJson;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public void mount(Router router) {
        router.postWithRegex(STATUS + "/favourite").handler(auth.required("write:favourites"))
                .handler(ctx -> respond(ctx, interactions.changes().favourite(me(ctx), id(ctx))));
        router.postWithRegex(STATUS + "/unfavourite").handler(auth.required("write:favourites"))
                .handler(ctx -> respond(ctx, interactions.changes().unfavourite(me(ctx), id(ctx))));
        router.postWithRegex(STATUS + "/reblog").handler(ApiParams.bodyHandler())
                .handler(auth.required("write:statuses"))
                .handler(ctx -> respond(ctx, interactions.changes().reblog(me(ctx), id(ctx),
                        ApiParams.of(ctx).orNull("visibility"))));
        router.postWithRegex(STATUS + "/unreblog").handler(auth.required("write:statuses"))
                .handler(ctx -> respond(ctx, interactions.changes().unreblog(me(ctx), id(ctx))));
        router.getWithRegex(STATUS + "/favourited_by").handler(auth.ifPresent("read:accounts"))
                .handler(ctx -> accounts(ctx, "favourited_by", interactions.reading()::favouritedBy));
        router.getWithRegex(STATUS + "/reblogged_by").handler(auth.ifPresent("read:accounts"))
                .handler(ctx -> accounts(ctx, "reblogged_by", interactions.reading()::rebloggedBy));
        router.get("/api/v1/favourites").handler(auth.required("read:favourites"))
                .handler(ctx -> liked(ctx, "/api/v1/favourites",
                        page -> interactions.reading().favourites(me(ctx), page)));
        router.getWithRegex("/api/v1/accounts/(?<id>[0-9]{1,18})/favourites").handler(auth.ifPresent("read:favourites"))
                .handler(ctx -> liked(ctx, "/api/v1/accounts/" + id(ctx) + "/favourites",
                        page -> interactions.reading().likedBy(viewer(ctx), id(ctx), page)));
    }

    private void respond(RoutingContext ctx, Future<Interacted> result) {
        result.onSuccess(r -> ApiJson.send(ctx, 200, json.status(r.status()))).onFailure(ctx::fail);
    }

    /** Who liked or boosted: the query of one page of accounts, by status id, cursor and limit. */
    private interface AccountsQuery {
        Future<List<InteractionQueries.Actor>> page(Long viewerId, long statusId, Long maxId, int limit);
    }

    private void accounts(RoutingContext ctx, String what, AccountsQuery query) {
        ApiParams q = ApiParams.query(ctx);
        int limit = limit(q);
        long statusId = id(ctx);
        query.page(viewer(ctx), statusId, number(q.orNull("max_id"), "max_id"), limit).onSuccess(list -> {
            if (!list.isEmpty()) {
                ctx.response().putHeader("Link", "<" + baseUrl + "/api/v1/statuses/" + statusId + "/" + what
                        + "?limit=" + limit + "&max_id=" + list.get(list.size() - 1).cursor() + ">; rel=\"next\"");
            }
            JsonArray out = new JsonArray();
            list.forEach(a -> out.add(accountJson.account(a.account())));
            ApiJson.send(ctx, 200, out);
        }).onFailure(ctx::fail);
    }

    private void liked(RoutingContext ctx, String path,
            Function<PageQuery, Future<List<InteractionQueries.Liked>>> query) {
        ApiParams q = ApiParams.query(ctx);
        int limit = limit(q);
        PageQuery page = new PageQuery(number(q.orNull("max_id"), "max_id"), number(q.orNull("since_id"), "since_id"),
                number(q.orNull("min_id"), "min_id"), limit);
        query.apply(page).onSuccess(list -> {
            if (!list.isEmpty()) {
                String self = baseUrl + path + "?limit=" + limit + "&";
                ctx.response().putHeader("Link", "<" + self + "max_id=" + list.get(list.size() - 1).cursor()
                        + ">; rel=\"next\", <" + self + "min_id=" + list.get(0).cursor() + ">; rel=\"prev\"");
            }
            JsonArray out = new JsonArray();
            list.forEach(l -> out.add(json.status(l.status())));
            ApiJson.send(ctx, 200, out);
        }).onFailure(ctx::fail);
    }

    /** Clamped as timelines clamp it: 20 by default, at most 40. */
    private static int limit(ApiParams q) {
        return TimelineService.limitOf(q.orNull("limit"));
    }

    private static long me(RoutingContext ctx) {
        return ApiAuth.activeUser(ctx).id();
    }

    private static Long viewer(RoutingContext ctx) {
        return ApiAuth.optionalCaller(ctx).flatMap(Caller::user).map(Account::id).orElse(null);
    }

    private static long id(RoutingContext ctx) {
        return Long.parseLong(ctx.pathParam("id"));
    }

    private static Long number(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new ClientError(400, name + " must be a number");
        }
    }
}
