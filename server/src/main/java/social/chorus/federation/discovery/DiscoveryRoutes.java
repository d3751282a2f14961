package social.chorus.federation.discovery;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import social.chorus.http.RouteModule;
import social.chorus.model.LocalIds;
import social.chorus.process.instance.InstanceFacts;
import social.chorus.process.instance.PublicActors;

/**
 * How other servers find this instance and its actors: actor documents ({@code /users/{name}},
 * {@code /@{name}}, {@code /actor}), WebFinger, NodeInfo and host-meta.
 */
public final class DiscoveryRoutes implements RouteModule {
    private final List<RouteModule> modules;

    /**
     * @param instanceActorUri the instance actor's id, served at {@code /actor}
     * @param access how much of an actor a GET may see (authorized fetch plugs in here)
     */
    public DiscoveryRoutes(String domain, LocalIds ids, String instanceActorUri, PublicActors actors,
            InstanceFacts facts, ActorAccessPolicy access) {
        this.modules = List.of(
                new ActorRoutes(ids, domain, instanceActorUri, actors, access),
                new WebFingerRoutes(domain, ids.baseUrl(), actors),
                new NodeInfoRoutes(ids.baseUrl(), facts),
                new HostMetaRoutes(ids.baseUrl()));
    }

    @Override
    public void mount(Router router) {
        modules.forEach(m -> m.mount(router));
    }

    /** Discovery documents are public and read by web apps on other origins; errors keep the header too. */
    static void cors(RoutingContext ctx) {
        ctx.response().putHeader("Access-Control-Allow-Origin", "*");
        ctx.next();
    }
}
