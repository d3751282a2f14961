package social.chorus.api.oauth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import social.chorus.process.auth.SecretTokens;
import social.chorus.process.auth.SignInService;

/**
 * The browser's session cookie and the CSRF tokens bound to it. Before sign-in the cookie holds
 * a random value that only binds CSRF tokens; after sign-in it holds a new value (no session
 * fixation) whose hash is a row in web_session. A CSRF token is a hash of the cookie value: a
 * page on another site can neither read the HttpOnly cookie nor compute the token, and the token
 * in a page does not reveal the cookie.
 */
final class BrowserSession {
    static final String COOKIE = "chorus_session";
    static final String CSRF_FIELD = "authenticity_token";

    private final SecretTokens secrets;
    private final boolean secure;

    BrowserSession(SecretTokens secrets, boolean secure) {
        this.secrets = secrets;
        this.secure = secure;
    }

    /** The cookie value, or null. */
    String value(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(COOKIE);
        return c == null || c.getValue().isEmpty() ? null : c.getValue();
    }

    /** The cookie value, setting a fresh anonymous one when there is none. */
    String ensure(RoutingContext ctx) {
        String v = value(ctx);
        if (v != null) {
            return v;
        }
        String fresh = secrets.newToken();
        ctx.response().addCookie(cookie(fresh, -1));
        return fresh;
    }

    static String csrfToken(String cookieValue) {
        return SecretTokens.sha256Base64Url("chorus-csrf:" + cookieValue);
    }

    boolean csrfValid(RoutingContext ctx, String submitted) {
        String v = value(ctx);
        return v != null && submitted != null && SecretTokens.sameSecret(csrfToken(v), submitted);
    }

    void signedIn(RoutingContext ctx, String sessionToken) {
        ctx.response().addCookie(cookie(sessionToken, SignInService.SESSION_LIFETIME.toSeconds()));
    }

    void clear(RoutingContext ctx) {
        ctx.response().addCookie(cookie("", 0));
    }

    private Cookie cookie(String value, long maxAgeSeconds) {
        Cookie c = Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSecure(secure)
                .setSameSite(CookieSameSite.LAX);
        if (maxAgeSeconds >= 0) {
            c.setMaxAge(maxAgeSeconds);
        }
        return c;
    }
}
