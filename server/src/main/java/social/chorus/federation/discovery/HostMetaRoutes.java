package social.chorus.federation.discovery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import social.chorus.http.RouteModule;

/**
 * {@code /.well-known/host-meta} (RFC 6415, XRD) and its JSON twin: older software (and some
 * clients) find WebFinger through the lrdd template instead of the well-known path.
 */
final class HostMetaRoutes implements RouteModule {
    private final String template;

    HostMetaRoutes(String baseUrl) {
        this.template = baseUrl + WebFingerRoutes.PATH + "?resource={uri}";
    }

    @Override
    public void mount(Router router) {
        String xrd = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<XRD xmlns=\"http://docs.oasis-open.org/ns/xri/xrd-1.0\">\n"
                + "  <Link rel=\"lrdd\" template=\"" + Html.escape(template) + "\"/>\n"
                + "</XRD>\n";
        String jrd = new JsonObject().put("links", new JsonArray()
                .add(new JsonObject().put("rel", "lrdd").put("template", template))).encode();
        router.get("/.well-known/host-meta").handler(DiscoveryRoutes::cors).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/xrd+xml; charset=utf-8").end(xrd));
        router.get("/.well-known/host-meta.json").handler(DiscoveryRoutes::cors).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/jrd+json; charset=utf-8").end(jrd));
    }
}
