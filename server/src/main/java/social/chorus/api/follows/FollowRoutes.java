package social.chorus.api.follows;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import social.chorus.api.ApiAuth;
import social.chorus.api.ApiJson;
import social.chorus.api.ApiParams;
import social.chorus.api.accounts.AccountJson;
import social.chorus.http.RouteModule;
import social.chorus.model.Account;
import social.chorus.model.Relationship;
import social.chorus.process.ClientError;
import social.chorus.process.follow.FollowLists;
import social.chorus.process.follow.FollowService;

/**
 * Following and blocking in the client API: follow, unfollow, block, unblock, relationships,
 * followers and following lists, follow requests. Lists page backwards by {@code max_id} with a
 * {@code Link} header, as Mastodon's do.
 */
public final class FollowRoutes implements RouteModule {
    private static final int DEFAULT_LIMIT = 40;
    private static final String ID = "/api/v1/accounts/(?<id>[0-9]{1,18})";

    private final FollowService follows;
    private final FollowLists lists;
    private final ApiAuth auth;
    private final AccountJson json;
    private final String baseUrl;

    public FollowRoutes(FollowService follows, FollowLists lists, ApiAuth auth, AccountJson json, String baseUrl) {
        this.follows = follows;
        this.lists = lists;
        this.auth = auth;
        this.json = json;
        this.baseUrl = baseUrl;
    }

    @Override
    public void mount(Router router) {
        action(router, "follow", "write:follows", follows::follow);
        action(router, "unfollow", "write:follows", follows::unfollow);
        action(router, "block", "write:blocks", follows::block);
        action(router, "unblock", "write:blocks", follows::unblock);
        router.get("/api/v1/accounts/relationships").handler(auth.required("read:follows"))
                .handler(this::relationships);
        router.getWithRegex(ID + "/followers").handler(auth.ifPresent("read:accounts"))
                .handler(ctx -> list(ctx, FollowLists.Direction.FOLLOWERS, "followers"));
        router.getWithRegex(ID + "/following").handler(auth.ifPresent("read:accounts"))
                .handler(ctx -> list(ctx, FollowLists.Direction.FOLLOWING, "following"));
        router.get("/api/v1/follow_requests").handler(auth.required("read:follows")).handler(this::requests);
        router.postWithRegex("/api/v1/follow_requests/(?<id>[0-9]{1,18})/authorize")
                .handler(auth.required("write:follows"))
                .handler(ctx -> answer(ctx, follows::authorize));
        router.postWithRegex("/api/v1/follow_requests/(?<id>[0-9]{1,18})/reject")
                .handler(auth.required("write:follows"))
                .handler(ctx -> answer(ctx, follows::reject));
    }

    private void action(Router router, String name, String scope,
            BiFunction<Long, Long, Future<Relationship>> call) {
        router.postWithRegex(ID + "/" + name).handler(ApiParams.bodyHandler()).handler(auth.required(scope))
                .handler(ctx -> {
                    Account me = ApiAuth.activeUser(ctx);
                    call.apply(me.id(), id(ctx))
                            .onSuccess(r -> ApiJson.send(ctx, 200, RelationshipJson.of(r)))
                            .onFailure(ctx::fail);
                });
    }

    private void answer(RoutingContext ctx, BiFunction<Long, Long, Future<Relationship>> call) {
        Account me = ApiAuth.activeUser(ctx);
        call.apply(me.id(), id(ctx)).onSuccess(r -> ApiJson.send(ctx, 200, RelationshipJson.of(r)))
                .onFailure(ctx::fail);
    }

    private void relationships(RoutingContext ctx) {
        Account me = ApiAuth.activeUser(ctx);
        ApiParams p = ApiParams.query(ctx);
        List<String> raw = new ArrayList<>(p.list("id[]"));
        raw.addAll(p.list("id"));
        List<Future<Relationship>> each = new ArrayList<>();
        for (String s : raw.stream().distinct().limit(100).toList()) {
            try {
                each.add(follows.relationship(me.id(), Long.parseLong(s)));
            } catch (NumberFormatException e) {
                // Mastodon skips ids that name no account
            }
        }
        Future.all(each).onSuccess(all -> ApiJson.send(ctx, 200,
                RelationshipJson.of(each.stream().map(Future::result).toList()))).onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx, FollowLists.Direction direction, String path) {
        lists.ofAccount(id(ctx), direction, maxId(ctx), limit(ctx))
                .onSuccess(page -> sendPage(ctx, page, baseUrl + "/api/v1/accounts/" + id(ctx) + "/" + path))
                .onFailure(ctx::fail);
    }

    private void requests(RoutingContext ctx) {
        Account me = ApiAuth.activeUser(ctx);
        lists.ofAccount(me.id(), FollowLists.Direction.REQUESTS, maxId(ctx), limit(ctx))
                .onSuccess(page -> sendPage(ctx, page, baseUrl + "/api/v1/follow_requests"))
                .onFailure(ctx::fail);
    }

    private void sendPage(RoutingContext ctx, FollowLists.Page page, String self) {
        JsonArray body = new JsonArray();
        page.accounts().forEach(a -> body.add(json.account(a)));
        page.nextMaxId().ifPresent(next -> ctx.response().putHeader("Link",
                "<" + self + "?max_id=" + next + ">; rel=\"next\""));
        ApiJson.send(ctx, 200, body);
    }

    private static long id(RoutingContext ctx) {
        return Long.parseLong(ctx.pathParam("id"));
    }

    private static Optional<Long> maxId(RoutingContext ctx) {
        return ApiParams.query(ctx).string("max_id").map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new ClientError(400, "max_id must be a number");
            }
        });
    }

    private static int limit(RoutingContext ctx) {
        return ApiParams.query(ctx).string("limit").map(v -> {
            try {
                return Math.max(1, Math.min(Integer.parseInt(v), FollowLists.MAX_PAGE));
            } catch (NumberFormatException e) {
                throw new ClientError(400, "limit must be a number");
            }
        }).orElse(DEFAULT_LIMIT);
    }
}
