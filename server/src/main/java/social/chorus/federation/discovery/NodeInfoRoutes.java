package social.chorus.federation.discovery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import social.chorus.http.RouteModule;
import social.chorus.process.instance.InstanceFacts;
import social.chorus.process.instance.InstanceFacts.NodeFacts;

/**
 * NodeInfo: {@code /.well-known/nodeinfo} points at the 2.1 and 2.0 documents, which crawlers
 * (FediDB, fediverse.observer) and other servers read for the software and its usage.
 */
final class NodeInfoRoutes implements RouteModule {
    static final String SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/";

    private final String baseUrl;
    private final InstanceFacts facts;

    NodeInfoRoutes(String baseUrl, InstanceFacts facts) {
        this.baseUrl = baseUrl;
        this.facts = facts;
    }

    @Override
    public void mount(Router router) {
        router.get("/.well-known/nodeinfo").handler(DiscoveryRoutes::cors).handler(this::links);
        router.get("/nodeinfo/2.1").handler(DiscoveryRoutes::cors).handler(ctx -> document(ctx, "2.1"));
        router.get("/nodeinfo/2.0").handler(DiscoveryRoutes::cors).handler(ctx -> document(ctx, "2.0"));
    }

    private void links(RoutingContext ctx) {
        JsonArray links = new JsonArray();
        for (String version : new String[] {"2.1", "2.0"}) {
            links.add(new JsonObject().put("rel", SCHEMA + version).put("href", baseUrl + "/nodeinfo/" + version));
        }
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("links", links).encode());
    }

    private void document(RoutingContext ctx, String version) {
        facts.nodeFacts().onSuccess(f -> ctx.response()
                        .putHeader("Content-Type", "application/json; profile=\"" + SCHEMA + version + "#\"")
                        .end(toJson(f, version).encode()))
                .onFailure(ctx::fail);
    }

    /** The 2.0 schema forbids properties it does not list, so {@code software.repository} is 2.1 only. */
    static JsonObject toJson(NodeFacts f, String version) {
        JsonObject software = new JsonObject().put("name", f.software().name()).put("version", f.software().version());
        if ("2.1".equals(version) && f.software().repository() != null) {
            software.put("repository", f.software().repository());
        }
        JsonObject users = new JsonObject().put("total", f.usage().users()).put("activeMonth", f.usage().activeMonth())
                .put("activeHalfyear", f.usage().activeHalfyear());
        return new JsonObject()
                .put("version", version)
                .put("software", software)
                .put("protocols", new JsonArray().add("activitypub"))
                .put("services", new JsonObject().put("inbound", new JsonArray()).put("outbound", new JsonArray()))
                .put("openRegistrations", f.openRegistrations())
                .put("usage", new JsonObject().put("users", users).put("localPosts", f.usage().localPosts()))
                .put("metadata", new JsonObject().put("nodeName", f.nodeName()));
    }
}
