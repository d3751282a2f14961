package social.chorus.api.timelines;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import social.chorus.api.ApiAuth;
import social.chorus.api.ApiJson;
import social.chorus.api.ApiParams;
import social.chorus.api.Paging;
import social.chorus.api.statuses.StatusJson;
import social.chorus.http.RouteModule;
import social.chorus.model.Account;
import social.chorus.model.StatusView;
import social.chorus.process.auth.Caller;
import social.chorus.process.timeline.TimelineService;
import social.chorus.storage.TimelineRepository.Origin;

/**
 * Mastodon's timelines: home (a user token with read:statuses), public and hashtag (anonymous
 * allowed; a token that is sent must be valid). Paged by status id with a Link header: next
 * (max_id, older) and prev (min_id, newer), keeping the other parameters of the request.
 */
public final class TimelineRoutes implements RouteModule {
    private final TimelineService timelines;
    private final ApiAuth auth;
    private final StatusJson json;
    private final String baseUrl;

    public TimelineRoutes(TimelineService timelines, ApiAuth auth, StatusJson json, String baseUrl) {
        this.timelines = timelines;
        this.auth = auth;
        this.json = json;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/timelines/home").handler(auth.required("read:statuses")).handler(this::home);
        router.get("/api/v1/timelines/public").handler(auth.ifPresent("read:statuses")).handler(this::publicTimeline);
        router.get("/api/v1/timelines/tag/:hashtag").handler(auth.ifPresent("read:statuses")).handler(this::tag);
    }

    private void home(RoutingContext ctx) {
        Account me = ApiAuth.activeUser(ctx);
        Paging p = Paging.of(ctx, TimelineService::limitOf);
        respond(ctx, "/api/v1/timelines/home", Map.of(), p, timelines.home(me.id(), p.page()));
    }

    private void publicTimeline(RoutingContext ctx) {
        Paging p = Paging.of(ctx, TimelineService::limitOf);
        Origin origin = origin(ApiParams.query(ctx));
        respond(ctx, "/api/v1/timelines/public", originParams(origin), p,
                timelines.publicTimeline(viewer(ctx), origin, p.page()));
    }

    private void tag(RoutingContext ctx) {
        Paging p = Paging.of(ctx, TimelineService::limitOf);
        Origin origin = origin(ApiParams.query(ctx));
        String tag = ctx.pathParam("hashtag");
        String path = "/api/v1/timelines/tag/" + URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20");
        respond(ctx, path, originParams(origin), p, timelines.tag(viewer(ctx), tag, origin, p.page()));
    }

    private void respond(RoutingContext ctx, String path, Map<String, List<String>> keep, Paging p,
            Future<List<StatusView>> result) {
        result.onSuccess(list -> {
            p.link(ctx, baseUrl, path, keep, list, v -> v.status().id());
            JsonArray out = new JsonArray();
            list.forEach(v -> out.add(json.status(v)));
            ApiJson.send(ctx, 200, out);
        }).onFailure(ctx::fail);
    }

    /** local=true: this instance's only; remote=true: other servers' only; both or neither: all (as Mastodon). */
    private static Origin origin(ApiParams q) {
        boolean local = q.bool("local").orElse(false);
        boolean remote = q.bool("remote").orElse(false);
        if (local == remote) {
            return Origin.ALL;
        }
        return local ? Origin.LOCAL : Origin.REMOTE;
    }

    private static Map<String, List<String>> originParams(Origin origin) {
        return switch (origin) {
            case ALL -> Map.of();
            case LOCAL -> Map.of("local", List.of("true"));
            case REMOTE -> Map.of("remote", List.of("true"));
        };
    }

    private static Long viewer(RoutingContext ctx) {
        return ApiAuth.optionalCaller(ctx).flatMap(Caller::user).map(Account::id).orElse(null);
    }
}
