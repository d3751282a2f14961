package social.chorus.api;

import io.vertx.ext.web.Router;
import social.chorus.api.accounts.AccountJson;
import social.chorus.api.accounts.AccountRoutes;
import social.chorus.api.instance.InstanceRoutes;
import social.chorus.api.oauth.OAuthRoutes;
import social.chorus.http.AuthLimits;
import social.chorus.http.RouteModule;
import social.chorus.process.auth.AuthServices;

/**
 * The Mastodon-compatible client API and OAuth: CORS first (so it also covers /api routes that
 * other modules mount later), then apps, tokens, sign-in pages, accounts and instance.
 */
public final class ClientApiRoutes implements RouteModule {
    private final AuthServices auth;
    private final AuthLimits limits;
    private final String baseUrl;

    public ClientApiRoutes(AuthServices auth, AuthLimits limits, String baseUrl) {
        this.auth = auth;
        this.limits = limits;
        this.baseUrl = baseUrl;
    }

    @Override
    public void mount(Router router) {
        router.route("/api/*").handler(new Cors("POST, PUT, DELETE, GET, PATCH, OPTIONS"));
        router.route("/oauth/token").handler(new Cors("POST, OPTIONS"));
        router.route("/oauth/revoke").handler(new Cors("POST, OPTIONS"));
        ApiAuth apiAuth = new ApiAuth(auth.tokens());
        new OAuthRoutes(auth, apiAuth, limits, baseUrl.startsWith("https://")).mount(router);
        new AccountRoutes(auth.registration(), auth.profiles(), auth.lookup(), apiAuth, new AccountJson(baseUrl),
                limits.signUpStep()).mount(router);
        new InstanceRoutes(auth.instance()).mount(router);
        new PlaceholderImages().mount(router);
    }
}
