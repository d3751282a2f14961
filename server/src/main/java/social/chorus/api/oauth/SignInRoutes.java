package social.chorus.api.oauth;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import social.chorus.api.ApiParams;
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

    SignInRoutes(SignInService signIn, BrowserSession session) {
        this.signIn = signIn;
        this.session = session;
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
        String previous = session.value(ctx);
        signIn.signIn(login, p.orNull("password"))
                .compose(account -> signIn.startSession(account.id()))
                // A session this browser had before (another account) ends: one browser, one session.
                .compose(token -> signIn.endSession(previous).map(token))
                .onSuccess(token -> {
                    session.signedIn(ctx, token);
                    ctx.response().setStatusCode(303).putHeader("Location", returnTo == null ? SIGN_IN : returnTo)
                            .end();
                })
                .onFailure(e -> {
                    if (e instanceof ClientError ce) {
                        String shownLogin = login.length() > 320 ? "" : login;
                        Html.send(ctx, ce.status(), Pages.signIn(BrowserSession.csrfToken(previous), returnTo,
                                shownLogin, null, ce.getMessage()));
                    } else {
                        ctx.fail(e);
                    }
                });
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
