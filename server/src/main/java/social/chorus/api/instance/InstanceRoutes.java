package social.chorus.api.instance;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import social.chorus.api.ApiJson;
import social.chorus.process.auth.InstanceService;

/** {@code GET /api/v1/instance} and {@code GET /api/v2/instance}: public, no token needed. */
public final class InstanceRoutes {
    private final InstanceService instance;

    public InstanceRoutes(InstanceService instance) {
        this.instance = instance;
    }

    public void mount(Router router) {
        router.get("/api/v1/instance").handler(this::v1);
        router.get("/api/v2/instance").handler(this::v2);
    }

    private void v1(RoutingContext ctx) {
        instance.info().onSuccess(i -> ApiJson.send(ctx, 200, InstanceJson.v1(i))).onFailure(ctx::fail);
    }

    private void v2(RoutingContext ctx) {
        instance.info().onSuccess(i -> ApiJson.send(ctx, 200, InstanceJson.v2(i))).onFailure(ctx::fail);
    }
}
