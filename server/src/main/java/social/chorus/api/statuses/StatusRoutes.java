package social.chorus.api.statuses;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import social.chorus.api.ApiAuth;
import social.chorus.api.ApiJson;
import social.chorus.api.ApiParams;
import social.chorus.api.accounts.AccountJson;
import social.chorus.http.RouteModule;
import social.chorus.model.Account;
import social.chorus.model.StatusView;
import social.chorus.process.ClientError;
import social.chorus.process.auth.Caller;
import social.chorus.process.status.NewStatus;
import social.chorus.process.status.StatusChange;
import social.chorus.process.status.StatusQueries;
import social.chorus.process.status.StatusServices;
import social.chorus.storage.StatusRepository;

/**
 * Statuses in the client API: post (with Idempotency-Key), show, edit, delete, thread, edit
 * history and an account's statuses (paged by id with a Link header, as Mastodon).
 */
public final class StatusRoutes implements RouteModule {
    private static final String ID = "/api/v1/statuses/(?<id>[0-9]{1,19})";
    private static final int DEFAULT_LIMIT = 20;

    private final StatusServices statuses;
    private final ApiAuth auth;
    private final StatusJson json;
    private final String baseUrl;

    public StatusRoutes(StatusServices statuses, ApiAuth auth, AccountJson accountJson, String baseUrl) {
        this.statuses = statuses;
        this.auth = auth;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.json = new StatusJson(accountJson, this.baseUrl);
    }

    @Override
    public void mount(Router router) {
        router.post("/api/v1/statuses").handler(ApiParams.bodyHandler()).handler(auth.required("write:statuses"))
                .handler(this::create);
        router.getWithRegex(ID + "/context").handler(auth.ifPresent("read:statuses")).handler(this::context);
        router.getWithRegex(ID + "/history").handler(auth.ifPresent("read:statuses")).handler(this::history);
        router.getWithRegex(ID).handler(auth.ifPresent("read:statuses")).handler(this::show);
        router.putWithRegex(ID).handler(ApiParams.bodyHandler()).handler(auth.required("write:statuses"))
                .handler(this::edit);
        router.deleteWithRegex(ID).handler(auth.required("write:statuses")).handler(this::delete);
        router.getWithRegex("/api/v1/accounts/(?<id>[0-9]{1,18})/statuses").handler(auth.ifPresent("read:statuses"))
                .handler(this::ofAccount);
        router.postWithRegex(ID + "/pin").handler(ApiParams.bodyHandler()).handler(auth.required("write:accounts"))
                .handler(ctx -> pin(ctx, true));
        router.postWithRegex(ID + "/unpin").handler(ApiParams.bodyHandler()).handler(auth.required("write:accounts"))
                .handler(ctx -> pin(ctx, false));
    }

    private void pin(RoutingContext ctx, boolean pin) {
        Account me = ApiAuth.activeUser(ctx);
        (pin ? statuses.pins().pin(me.id(), id(ctx)) : statuses.pins().unpin(me.id(), id(ctx)))
                .onSuccess(v -> ApiJson.send(ctx, 200, json.status(v))).onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        Account me = ApiAuth.activeUser(ctx);
        ApiParams p = ApiParams.of(ctx);
        NewStatus n = new NewStatus(p.orNull("status"), p.orNull("spoiler_text"), p.bool("sensitive").orElse(null),
                p.orNull("visibility"), p.orNull("language"), optionalId(p.orNull("in_reply_to_id")),
                ApiAuth.caller(ctx).applicationId(), ctx.request().getHeader("Idempotency-Key"));
        statuses.posting().create(me.id(), n).onSuccess(v -> ApiJson.send(ctx, 200, json.status(v)))
                .onFailure(ctx::fail);
    }

    private void show(RoutingContext ctx) {
        statuses.reading().get(viewer(ctx), id(ctx)).onSuccess(v -> ApiJson.send(ctx, 200, json.status(v)))
                .onFailure(ctx::fail);
    }

    private void edit(RoutingContext ctx) {
        Account me = ApiAuth.activeUser(ctx);
        ApiParams p = ApiParams.of(ctx);
        StatusChange change = new StatusChange(p.orNull("status"), p.orNull("spoiler_text"),
                p.bool("sensitive").orElse(null), p.orNull("language"));
        statuses.posting().edit(me.id(), id(ctx), change).onSuccess(v -> ApiJson.send(ctx, 200, json.status(v)))
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        Account me = ApiAuth.activeUser(ctx);
        statuses.posting().delete(me.id(), id(ctx)).onSuccess(v -> ApiJson.send(ctx, 200, json.deleted(v)))
                .onFailure(ctx::fail);
    }

    private void context(RoutingContext ctx) {
        statuses.reading().context(viewer(ctx), id(ctx)).onSuccess(c -> ApiJson.send(ctx, 200,
                new io.vertx.core.json.JsonObject().put("ancestors", array(c.ancestors()))
                        .put("descendants", array(c.descendants())))).onFailure(ctx::fail);
    }

    private void history(RoutingContext ctx) {
        statuses.reading().history(viewer(ctx), id(ctx))
                .onSuccess(h -> ApiJson.send(ctx, 200, json.history(h.current(), h.earlier()))).onFailure(ctx::fail);
    }

    private void ofAccount(RoutingContext ctx) {
        ApiParams q = ApiParams.query(ctx);
        boolean excludeReplies = q.bool("exclude_replies").orElse(false);
        boolean excludeReblogs = q.bool("exclude_reblogs").orElse(false);
        int limit = q.string("limit").map(v -> Math.max(1, Math.min(number(v, "limit").intValue(),
                StatusQueries.MAX_PAGE))).orElse(DEFAULT_LIMIT);
        StatusRepository.PageQuery page = new StatusRepository.PageQuery(optionalId(q.orNull("max_id")),
                optionalId(q.orNull("since_id")), optionalId(q.orNull("min_id")), limit);
        long accountId = id(ctx);
        if (q.bool("pinned").orElse(false)) {
            // Pinned posts are one short list, not paged: a page after it is empty (as Mastodon).
            (page.maxId() != null || page.minId() != null || page.sinceId() != null
                    ? Future.<List<StatusView>>succeededFuture(List.of())
                    : statuses.pins().pinnedOf(viewer(ctx), accountId))
                    .onSuccess(list -> ApiJson.send(ctx, 200, array(list))).onFailure(ctx::fail);
            return;
        }
        boolean onlyMedia = q.bool("only_media").orElse(false);
        StatusRepository.AccountFilter filter =
                new StatusRepository.AccountFilter(excludeReplies, excludeReblogs, onlyMedia);
        statuses.reading().ofAccount(viewer(ctx), accountId, new StatusQueries.AccountStatusesQuery(filter, page))
                .onSuccess(list -> {
                    if (!list.isEmpty()) {
                        String self = baseUrl + "/api/v1/accounts/" + accountId + "/statuses?"
                                + (onlyMedia ? "only_media=true&" : "")
                                + (excludeReblogs ? "exclude_reblogs=true&" : "")
                                + (excludeReplies ? "exclude_replies=true&" : "") + "limit=" + limit + "&";
                        ctx.response().putHeader("Link", "<" + self + "max_id=" + list.get(list.size() - 1).status().id()
                                + ">; rel=\"next\", <" + self + "min_id=" + list.get(0).status().id() + ">; rel=\"prev\"");
                    }
                    ApiJson.send(ctx, 200, array(list));
                }).onFailure(ctx::fail);
    }

    private JsonArray array(List<StatusView> views) {
        JsonArray out = new JsonArray();
        views.forEach(v -> out.add(json.status(v)));
        return out;
    }

    private static Long viewer(RoutingContext ctx) {
        return ApiAuth.optionalCaller(ctx).flatMap(Caller::user).map(Account::id).orElse(null);
    }

    private static long id(RoutingContext ctx) {
        return Long.parseLong(ctx.pathParam("id"));
    }

    private static Long optionalId(String value) {
        return value == null || value.isBlank() ? null : number(value, "id");
    }

    private static Long number(String value, String name) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new ClientError(400, name + " must be a number");
        }
    }
}
