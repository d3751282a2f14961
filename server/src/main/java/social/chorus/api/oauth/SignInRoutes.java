package social.chorus.api.oauth;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import social.chorus.api.ApiParams;
import social.chorus.http.RateLimiter;
import social.chorus.http.TooManyRequests;
import social.chorus.process.ClientError;
import social.chorus.process.auth.SignInService;

/**
 * {@code GET/POST /auth/sign_in} and {@code POST /auth/sign_out}: password sign-in for browsers,
 * used by the OAuth consent page now and by the web UI later. Both forms carry a CSRF token.
 */
final class SignInRoutes {
    static final String SIGN_IN = "/auth/sign_in";
    private static final int MAX_RETURN_TO = 4096;

    private final SignInService signIn;
    private final BrowserSession session;
    private final SignInThrottle throttle;

    SignInRoutes(SignInService signIn, BrowserSession session, SignInThrottle throttle) {
        this.signIn = signIn;
        this.session = session;
        this.throttle = throttle;
    }

    void mount(Router router) {
        router.get(SIGN_IN).handler(this::form);
        router.post(SIGN_IN).handler(ApiParams.bodyHandler()).handler(this::submit);
        router.post("/auth/sign_out").handler(ApiParams.bodyHandler()).handler(this::signOut);
    }

    private void form(RoutingContext ctx) {
        String returnTo = safeReturnTo(ctx.queryParams().get("return_to"));
        String cookie = session.value(ctx);
        signIn.sessionAccount(cookie).onSuccess(account -> {
            if (account.isPresent()) {
                Html.send(ctx, 200, Pages.signedIn(BrowserSession.csrfToken(cookie), account.get(), returnTo));
            } else {
                String c = session.ensure(ctx);
                Html.send(ctx, 200, Pages.signIn(BrowserSession.csrfToken(c), returnTo, "", null, null));
            }
        }).onFailure(ctx::fail);
    }

    private void submit(RoutingContext ctx) {
        ApiParams p = ApiParams.of(ctx);
        if (!session.csrfValid(ctx, p.orNull(BrowserSession.CSRF_FIELD))) {
            csrfRefused(ctx);
            return;
        }
        String returnTo = safeReturnTo(p.orNull("return_to"));
        String login = p.string("login").or(() -> p.string("username")).or(() -> p.string("email")).orElse("");
        String shownLogin = login.length() > 320 ? "" : login;
        String previous = session.value(ctx);
        // Both limits are asked before the password is hashed: a refused attempt costs no Argon2id.
        RateLimiter.Decision byAddress = throttle.byAddress(ctx);
        if (!byAddress.allowed()) {
            tooMany(ctx, byAddress, previous, returnTo, shownLogin);
            return;
        }
        signIn.prepare(login, p.orNull("password")).onSuccess(attempt -> {
            SignInThrottle.Held held = throttle.byAccount(ctx, attempt);
            if (held.refused()) {
                tooMany(ctx, held.decision(), previous, returnTo, shownLogin);
                return;
            }
            signIn.complete(attempt)
                    .onComplete(done -> {
                        // 403 (disabled, not yet approved) is only ever told after a right password.
                        if (done.succeeded() || done.cause() instanceof ClientError ce && ce.status() == 403) {
                            throttle.passwordWasRight(held);
                        }
                    })
                    .compose(account -> signIn.startSession(account.id()).map(token -> {
                        throttle.remember(ctx, account.id());
                        return token;
                    }))
                    // A session this browser had before (another account) ends: one browser, one session.
                    .compose(token -> signIn.endSession(previous).map(token))
                    .onSuccess(token -> {
                        session.signedIn(ctx, token);
                        ctx.response().setStatusCode(303)
                                .putHeader("Location", returnTo == null ? SIGN_IN : returnTo).end();
                    })
                    .onFailure(e -> {
                        if (e instanceof ClientError ce) {
                            Html.send(ctx, ce.status(), Pages.signIn(BrowserSession.csrfToken(previous), returnTo,
                                    shownLogin, null, ce.getMessage()));
                        } else {
                            ctx.fail(e);
                        }
                    });
        }).onFailure(ctx::fail);
    }

    /** 429 with the form again (the user may wait and retry), saying how long to wait. */
    private static void tooMany(RoutingContext ctx, RateLimiter.Decision d, String cookie, String returnTo,
            String login) {
        TooManyRequests.putHeaders(ctx.response(), d);
        Html.send(ctx, 429, Pages.signIn(BrowserSession.csrfToken(cookie), returnTo, login, null,
                "Too many sign-in attempts. Try again in " + Pages.waitText(TooManyRequests.retryAfterSeconds(d))
                        + "."));
    }

    private void signOut(RoutingContext ctx) {
        ApiParams p = ApiParams.of(ctx);
        if (!session.csrfValid(ctx, p.orNull(BrowserSession.CSRF_FIELD))) {
            csrfRefused(ctx);
            return;
        }
        signIn.endSession(session.value(ctx)).onSuccess(v -> {
            session.clear(ctx);
            ctx.response().setStatusCode(303).putHeader("Location", SIGN_IN).end();
        }).onFailure(ctx::fail);
    }

    static void csrfRefused(RoutingContext ctx) {
        Html.error(ctx, 403, "Request refused", "The form was missing its security token or it did not match"
                + " this browser's session. Go back, reload the page and try again.");
    }

    /** Only a path on this server: never another host (open redirect) or a scheme. */
    static String safeReturnTo(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_RETURN_TO || !value.startsWith("/")
                || value.startsWith("//") || value.contains("\\")
                || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return null;
        }
        return value;
    }
}
