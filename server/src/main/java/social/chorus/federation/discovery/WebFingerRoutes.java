package social.chorus.federation.discovery;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import social.chorus.http.RouteModule;
import social.chorus.model.Account;
import social.chorus.process.ClientError;
import social.chorus.process.instance.PublicActors;

/**
 * {@code GET /.well-known/webfinger?resource=…} (RFC 7033): how other servers and apps turn
 * {@code @alice@chorus.example} into an actor URL. Answers for local accounts only.
 */
final class WebFingerRoutes implements RouteModule {
    static final String PATH = "/.well-known/webfinger";
    private static final String JRD = "application/jrd+json; charset=utf-8";

    private final String domain;
    private final String baseUrl;
    private final PublicActors actors;

    WebFingerRoutes(String domain, String baseUrl, PublicActors actors) {
        this.domain = domain;
        this.baseUrl = baseUrl;
        this.actors = actors;
    }

    @Override
    public void mount(Router router) {
        router.get(PATH).handler(DiscoveryRoutes::cors).handler(this::webfinger);
    }

    private void webfinger(RoutingContext ctx) {
        List<String> resources;
        try {
            resources = ctx.queryParam("resource");
        } catch (IllegalArgumentException e) { // a query string with broken %-escapes
            ctx.fail(ClientError.badRequest("The query string is not valid"));
            return;
        }
        if (resources.size() > 1) {
            ctx.fail(ClientError.badRequest("Give one resource parameter"));
            return;
        }
        WebFingerResource resource = WebFingerResource.parse(resources.isEmpty() ? null : resources.get(0), domain,
                baseUrl);
        Future<Optional<Account>> found;
        if (resource instanceof WebFingerResource.Malformed m) {
            ctx.fail(ClientError.badRequest(m.why()));
            return;
        } else if (resource instanceof WebFingerResource.Acct a) {
            found = actors.byUsername(a.username());
        } else if (resource instanceof WebFingerResource.Url u) {
            found = actors.byUrl(u.url());
        } else {
            found = Future.succeededFuture(Optional.empty());
        }
        found.onSuccess(account -> {
            if (account.isEmpty()) {
                ctx.fail(ClientError.notFound("Account"));
                return;
            }
            ctx.response().putHeader("Content-Type", JRD).end(jrd(account.get()).encode());
        }).onFailure(ctx::fail);
    }

    private JsonObject jrd(Account a) {
        JsonArray aliases = new JsonArray().add(a.uri());
        JsonArray links = new JsonArray().add(new JsonObject().put("rel", "self")
                .put("type", "application/activity+json").put("href", a.uri()));
        if (a.url() != null) {
            if (!a.url().equals(a.uri())) {
                aliases.add(a.url());
            }
            links.add(new JsonObject().put("rel", "http://webfinger.net/rel/profile-page").put("type", "text/html")
                    .put("href", a.url()));
        }
        return new JsonObject().put("subject", "acct:" + a.username() + "@" + domain).put("aliases", aliases)
                .put("links", links);
    }
}
