package social.chorus.app;

import java.util.ArrayList;
import java.util.List;
import social.chorus.api.ClientApiRoutes;
import social.chorus.app.config.ChorusConfig;
import social.chorus.federation.discovery.ActorAccessPolicy;
import social.chorus.federation.discovery.DiscoveryRoutes;
import social.chorus.http.HealthRoutes;
import social.chorus.http.RouteModule;

/** Which routes an instance serves, in mounting order. Each feature adds its module here. */
final class HttpWiring {
    private HttpWiring() {
    }

    static List<RouteModule> routes(ChorusConfig config, Services services) {
        List<RouteModule> routes = new ArrayList<>();
        routes.add(new HealthRoutes(services.health()));
        routes.add(new DiscoveryRoutes(config.domain(), services.ids(), services.instanceActor().actorUri(),
                services.publicActors(), services.instanceFacts(), ActorAccessPolicy.allowAll()));
        routes.add(new ClientApiRoutes(services.auth(), config.baseUrl()));
        return routes;
    }
}
