package social.chorus.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import social.chorus.process.health.HealthService;
import social.chorus.process.health.HealthService.Health;

/** {@code GET /healthz}: 200 when the database answers, 503 when it does not. */
public final class HealthRoutes implements RouteModule {
    private final HealthService health;

    public HealthRoutes(HealthService health) {
        this.health = health;
    }

    @Override
    public void mount(Router router) {
        router.get("/healthz").handler(this::healthz);
    }

    private void healthz(RoutingContext ctx) {
        health.check().onSuccess(h -> ctx.response()
                        .setStatusCode(h.healthy() ? 200 : 503)
                        .putHeader("Content-Type", "application/json; charset=utf-8")
                        .putHeader("Cache-Control", "no-store")
                        .end(toJson(h).encode()))
                .onFailure(ctx::fail);
    }

    private static JsonObject toJson(Health h) {
        JsonObject database = new JsonObject()
                .put("kind", h.databaseKind())
                .put("version", h.databaseVersion())
                .put("reachable", h.healthy());
        if (h.problem() != null) {
            database.put("problem", h.problem());
        }
        return new JsonObject().put("status", h.healthy() ? "ok" : "unavailable").put("database", database);
    }
}
