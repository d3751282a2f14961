package social.chorus.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Sends JSON the way every client-API response is sent. */
public final class ApiJson {
    private ApiJson() {
    }

    public static void send(RoutingContext ctx, int status, JsonObject body) {
        send(ctx, status, body.encode());
    }

    public static void send(RoutingContext ctx, int status, JsonArray body) {
        send(ctx, status, body.encode());
    }

    private static void send(RoutingContext ctx, int status, String encoded) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(encoded);
    }

    /** Responses that carry secrets must not be stored by any cache (RFC 6749 section 5.1). */
    public static void sendNoStore(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
        send(ctx, status, body);
    }
}
