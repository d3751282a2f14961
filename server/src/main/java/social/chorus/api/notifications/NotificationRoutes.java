package social.chorus.api.notifications;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import social.chorus.api.ApiAuth;
import social.chorus.api.ApiJson;
import social.chorus.api.ApiParams;
import social.chorus.api.Paging;
import social.chorus.http.RouteModule;
import social.chorus.model.Account;
import social.chorus.model.Notification;
import social.chorus.process.ClientError;
import social.chorus.process.notification.NotificationService;
import social.chorus.storage.NotificationRepository.Filter;

/**
 * Mastodon's notifications and markers API: list (filtered by types, exclude_types and
 * account_id, paged with a Link header), one, unread count, dismiss, clear; read markers.
 */
public final class NotificationRoutes implements RouteModule {
    private static final String ID = "/api/v1/notifications/(?<id>[0-9]{1,19})";

    private final NotificationService notifications;
    private final ApiAuth auth;
    private final NotificationJson json;
    private final String baseUrl;

    public NotificationRoutes(NotificationService notifications, ApiAuth auth, NotificationJson json,
            String baseUrl) {
        this.notifications = notifications;
        this.auth = auth;
        this.json = json;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v1/notifications").handler(auth.required("read:notifications")).handler(this::list);
        router.get("/api/v1/notifications/unread_count").handler(auth.required("read:notifications"))
                .handler(this::unreadCount);
        router.getWithRegex(ID).handler(auth.required("read:notifications")).handler(this::one);
        router.post("/api/v1/notifications/clear").handler(ApiParams.bodyHandler())
                .handler(auth.required("write:notifications")).handler(this::clear);
        router.postWithRegex(ID + "/dismiss").handler(ApiParams.bodyHandler())
                .handler(auth.required("write:notifications")).handler(this::dismiss);
        router.get("/api/v1/markers").handler(auth.required("read:statuses")).handler(this::markers);
        router.post("/api/v1/markers").handler(ApiParams.bodyHandler()).handler(auth.required("write:statuses"))
                .handler(this::saveMarkers);
    }

    private void list(RoutingContext ctx) {
        Account me = ApiAuth.activeUser(ctx);
        ApiParams q = ApiParams.query(ctx);
        Paging p = Paging.of(ctx, NotificationService::limitOf);
        Set<Notification.Type> types = types(q.list("types"), EnumSet.allOf(Notification.Type.class));
        types.retainAll(complement(types(q.list("exclude_types"), EnumSet.noneOf(Notification.Type.class))));
        Long from = q.string("account_id").map(NotificationRoutes::number).orElse(null);
        Map<String, List<String>> keep = new TreeMap<>();
        if (!q.list("types").isEmpty()) {
            keep.put("types[]", q.list("types"));
        }
        if (!q.list("exclude_types").isEmpty()) {
            keep.put("exclude_types[]", q.list("exclude_types"));
        }
        if (from != null) {
            keep.put("account_id", List.of(Long.toString(from)));
        }
        if (types.isEmpty()) {
            ApiJson.send(ctx, 200, new JsonArray()); // only unknown types asked for, or all excluded
            return;
        }
        notifications.page(me.id(), new Filter(types.size() == Notification.Type.values().length ? Set.of() : types,
                from), p.page()).onSuccess(list -> {
                    p.link(ctx, baseUrl, "/api/v1/notifications", keep, list, v -> v.notification().id());
                    JsonArray out = new JsonArray();
                    list.forEach(v -> out.add(json.notification(v)));
                    ApiJson.send(ctx, 200, out);
                }).onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx) {
        Account me = ApiAuth.activeUser(ctx);
        notifications.get(me.id(), number(ctx.pathParam("id")))
                .onSuccess(v -> ApiJson.send(ctx, 200, json.notification(v))).onFailure(ctx::fail);
    }

    private void unreadCount(RoutingContext ctx) {
        Account me = ApiAuth.activeUser(ctx);
        String raw = ApiParams.query(ctx).orNull("limit");
        int cap = raw != null && raw.strip().matches("[0-9]{1,9}") ? Integer.parseInt(raw.strip())
                : NotificationService.DEFAULT_UNREAD_CAP;
        notifications.unreadCount(me.id(), cap)
                .onSuccess(n -> ApiJson.send(ctx, 200, new JsonObject().put("count", n))).onFailure(ctx::fail);
    }

    private void dismiss(RoutingContext ctx) {
        Account me = ApiAuth.activeUser(ctx);
        notifications.dismiss(me.id(), number(ctx.pathParam("id")))
                .onSuccess(v -> ApiJson.send(ctx, 200, new JsonObject())).onFailure(ctx::fail);
    }

    private void clear(RoutingContext ctx) {
        Account me = ApiAuth.activeUser(ctx);
        notifications.clear(me.id()).onSuccess(n -> ApiJson.send(ctx, 200, new JsonObject())).onFailure(ctx::fail);
    }

    private void markers(RoutingContext ctx) {
        Account me = ApiAuth.activeUser(ctx);
        notifications.markers(me.id(), ApiParams.query(ctx).list("timeline")).onSuccess(list -> {
            JsonObject out = new JsonObject();
            list.forEach(m -> out.put(m.timeline(), json.marker(m)));
            ApiJson.send(ctx, 200, out);
        }).onFailure(ctx::fail);
    }

    /** Form ({@code home[last_read_id]=…}) or JSON ({@code {"home":{"last_read_id":"…"}}}). */
    private void saveMarkers(RoutingContext ctx) {
        Account me = ApiAuth.activeUser(ctx);
        ApiParams params = ApiParams.of(ctx);
        Map<String, Long> positions = new LinkedHashMap<>();
        for (String timeline : NotificationService.TIMELINES) {
            params.string(timeline + "[last_read_id]").ifPresent(v -> positions.put(timeline, number(v)));
        }
        if (positions.isEmpty()) {
            throw new ClientError(422, "Validation failed: give home[last_read_id] or notifications[last_read_id]");
        }
        notifications.saveMarkers(me.id(), positions).onSuccess(list -> {
            JsonObject out = new JsonObject();
            list.forEach(m -> out.put(m.timeline(), json.marker(m)));
            ApiJson.send(ctx, 200, out);
        }).onFailure(ctx::fail);
    }

    /** Unknown type names are ignored, as Mastodon ignores them; none known → the fallback. */
    private static Set<Notification.Type> types(List<String> names, Set<Notification.Type> fallback) {
        if (names.isEmpty()) {
            return fallback.isEmpty() ? EnumSet.noneOf(Notification.Type.class) : EnumSet.copyOf(fallback);
        }
        Set<Notification.Type> out = EnumSet.noneOf(Notification.Type.class);
        names.forEach(n -> Notification.Type.fromApiName(n.strip()).ifPresent(out::add));
        return out;
    }

    private static Set<Notification.Type> complement(Set<Notification.Type> excluded) {
        Set<Notification.Type> out = EnumSet.allOf(Notification.Type.class);
        out.removeAll(excluded);
        return out;
    }

    private static long number(String v) {
        return Optional.ofNullable(v).map(String::strip).filter(s -> s.matches("[0-9]{1,18}")).map(Long::parseLong)
                .orElseThrow(() -> new ClientError(400, "id must be a number"));
    }
}
