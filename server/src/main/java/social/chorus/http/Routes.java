package social.chorus.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.List;

/** Assembles the router: logging first, then every feature's routes, then one failure handler. */
public final class Routes {
    private Routes() {
    }

    public static Router build(Vertx vertx, List<RouteModule> modules) {
        Router router = Router.router(vertx);
        FailureHandler failures = new FailureHandler();
        router.route().handler(new RequestLog());
        modules.forEach(module -> module.mount(router));
        router.route().failureHandler(failures);
        // Unmatched paths and methods never reach a route's failure handler.
        router.errorHandler(404, failures);
        router.errorHandler(405, failures);
        router.errorHandler(500, failures);
        return router;
    }
}
