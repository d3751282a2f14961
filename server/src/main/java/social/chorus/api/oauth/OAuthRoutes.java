package social.chorus.api.oauth;

import io.vertx.ext.web.Router;
import social.chorus.api.ApiAuth;
import social.chorus.http.AuthLimits;
import social.chorus.process.auth.AuthServices;

/** Apps, tokens, the authorization pages and browser sign-in, mounted together. */
public final class OAuthRoutes {
    private final AppRoutes apps;
    private final TokenRoutes tokens;
    private final AuthorizeRoutes authorize;
    private final SignInRoutes signIn;

    /** secureCookies: the base URL is https, so cookies get the Secure flag. */
    public OAuthRoutes(AuthServices auth, ApiAuth apiAuth, AuthLimits limits, boolean secureCookies) {
        BrowserSession session = new BrowserSession(auth.secrets(), secureCookies);
        this.apps = new AppRoutes(auth.apps(), apiAuth);
        this.tokens = new TokenRoutes(auth.tokens());
        this.authorize = new AuthorizeRoutes(auth.authorization(), auth.signIn(), session);
        this.signIn = new SignInRoutes(auth.signIn(), session,
                new SignInThrottle(limits, auth.secrets(), secureCookies));
    }

    public void mount(Router router) {
        apps.mount(router);
        tokens.mount(router);
        authorize.mount(router);
        signIn.mount(router);
    }
}
