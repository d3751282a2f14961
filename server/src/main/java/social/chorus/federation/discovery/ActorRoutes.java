package social.chorus.federation.discovery;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import social.chorus.federation.convert.AccountToAs;
import social.chorus.federation.discovery.Negotiation.Representation;
import social.chorus.federation.sig.HttpHeaders;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.http.RouteModule;
import social.chorus.model.Account;
import social.chorus.model.LocalIds;
import social.chorus.process.ClientError;
import social.chorus.process.instance.PublicActors;

/**
 * Actor documents and their HTML counterparts: {@code GET /users/{name}}, {@code GET /@{name}}
 * (the profile URL) and {@code GET /actor} (the instance actor). Servers get ActivityStreams JSON,
 * browsers a placeholder profile page; {@code Vary: Accept} tells caches they differ.
 */
final class ActorRoutes implements RouteModule {
    /** Anything else cannot be a local username: answer 404 without asking the database. */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{1,30}");

    private final LocalIds ids;
    private final String domain;
    private final String instanceActorUri;
    private final PublicActors actors;
    private final ActorAccessPolicy access;
    private final AccountToAs toAs;
    private final String scheme;

    ActorRoutes(LocalIds ids, String domain, String instanceActorUri, PublicActors actors, ActorAccessPolicy access) {
        this.ids = ids;
        this.toAs = new AccountToAs(ids);
        this.domain = domain;
        this.instanceActorUri = instanceActorUri;
        this.actors = actors;
        this.access = access;
        this.scheme = URI.create(ids.baseUrl()).getScheme();
    }

    @Override
    public void mount(Router router) {
        router.get("/users/:name").handler(ctx -> byName(ctx, ids::actor));
        router.get("/@:name").handler(ctx -> byName(ctx, ids::profilePage));
        router.get("/actor").handler(ctx -> serve(ctx, instanceActorUri));
    }

    private void byName(RoutingContext ctx, UnaryOperator<String> urlOf) {
        String name = ctx.pathParam("name");
        if (name == null || !USERNAME.matcher(name).matches()) {
            notFound(ctx, representation(ctx));
            return;
        }
        serve(ctx, urlOf.apply(name.toLowerCase(Locale.ROOT)));
    }

    private void serve(RoutingContext ctx, String url) {
        Representation wanted = representation(ctx);
        actors.byUrl(url).compose(found -> {
            if (found.isEmpty()) {
                notFound(ctx, wanted);
                return Future.succeededFuture();
            }
            Account actor = found.get();
            if (wanted == Representation.HTML) {
                ctx.response().putHeader("Content-Type", Html.CONTENT_TYPE)
                        .putHeader("Content-Security-Policy", Html.CSP)
                        .end(Html.profile(actor.displayName(), "@" + actor.username() + "@" + domain, actor.uri()));
                return Future.succeededFuture();
            }
            return access.decide(requestView(ctx), actor).map(view -> {
                if (access.dependsOnSignature()) {
                    ctx.response().putHeader("Vary", "Accept, Signature");
                }
                ctx.response().putHeader("Content-Type", AccountToAs.CONTENT_TYPE)
                        .end(toAs.actor(actor, view).encode());
                return null;
            });
        }).onFailure(ctx::fail);
    }

    private static Representation representation(RoutingContext ctx) {
        // Set first, so that every answer (404s and errors too) tells caches it depends on Accept.
        ctx.response().putHeader("Vary", "Accept").putHeader("X-Content-Type-Options", "nosniff");
        return Negotiation.choose(ctx.request().headers().getAll("Accept"));
    }

    private static void notFound(RoutingContext ctx, Representation wanted) {
        if (wanted == Representation.ACTIVITY_JSON) {
            ctx.fail(ClientError.notFound("Account"));
            return;
        }
        ctx.response().setStatusCode(404).putHeader("Content-Type", Html.CONTENT_TYPE)
                .putHeader("Content-Security-Policy", Html.CSP).end(Html.notFound());
    }

    /** The request as the signature layer sees it, for a policy that checks signed GETs. */
    private HttpRequestView requestView(RoutingContext ctx) {
        List<HttpHeaders.Header> headers = new ArrayList<>();
        ctx.request().headers().forEach(h -> headers.add(new HttpHeaders.Header(h.getKey(), h.getValue())));
        return HttpRequestView.inbound(ctx.request().method().name(), ctx.request().uri(),
                HttpHeaders.fromEntries(headers), null).withScheme(scheme);
    }
}
