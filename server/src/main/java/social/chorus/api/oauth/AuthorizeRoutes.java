package social.chorus.api.oauth;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import social.chorus.api.ApiParams;
import social.chorus.model.Account;
import social.chorus.process.auth.AuthorizationService;
import social.chorus.process.auth.AuthorizationService.AuthorizeRequest;
import social.chorus.process.auth.AuthorizationService.Check;
import social.chorus.process.auth.OAuthApp;
import social.chorus.process.auth.OAuthError;
import social.chorus.process.auth.SignInService;

/**
 * {@code GET /oauth/authorize} shows the sign-in form (when nobody is signed in) or the consent
 * form; {@code POST /oauth/authorize} takes the decision (CSRF-checked) and sends the browser
 * back to the app with a code, or shows the code for the out-of-band redirect URI.
 */
final class AuthorizeRoutes {
    private final AuthorizationService authorization;
    private final SignInService signIn;
    private final BrowserSession session;

    AuthorizeRoutes(AuthorizationService authorization, SignInService signIn, BrowserSession session) {
        this.authorization = authorization;
        this.signIn = signIn;
        this.session = session;
    }

    void mount(Router router) {
        router.get("/oauth/authorize").handler(this::show);
        router.post("/oauth/authorize").handler(ApiParams.bodyHandler()).handler(this::decide);
    }

    private static AuthorizeRequest request(ApiParams p) {
        return new AuthorizeRequest(p.orNull("response_type"), p.orNull("client_id"), p.orNull("redirect_uri"),
                p.orNull("scope"), p.orNull("state"), p.orNull("code_challenge"), p.orNull("code_challenge_method"));
    }

    private void show(RoutingContext ctx) {
        authorization.check(request(ApiParams.query(ctx))).onSuccess(check -> {
            if (!(check instanceof Check.Valid valid)) {
                refuse(ctx, check);
                return;
            }
            String cookie = session.value(ctx);
            signIn.sessionAccount(cookie).onSuccess(account -> {
                if (account.isPresent()) {
                    Html.send(ctx, 200, Pages.consent(BrowserSession.csrfToken(cookie), valid, account.get()));
                } else {
                    String c = session.ensure(ctx);
                    Html.send(ctx, 200, Pages.signIn(BrowserSession.csrfToken(c),
                            SignInRoutes.safeReturnTo(ctx.request().uri()), "",
                            "Sign in to authorize " + valid.app().name() + ".", null));
                }
            }).onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }

    private void decide(RoutingContext ctx) {
        ApiParams p = ApiParams.of(ctx);
        if (!session.csrfValid(ctx, p.orNull(BrowserSession.CSRF_FIELD))) {
            SignInRoutes.csrfRefused(ctx);
            return;
        }
        String decision = p.string("decision").orElse("");
        signIn.sessionAccount(session.value(ctx)).onSuccess(account -> {
            if (account.isEmpty()) {
                Html.error(ctx, 401, "Signed out", "Your session has ended. Go back to the application and start"
                        + " again.");
                return;
            }
            authorization.check(request(p)).onSuccess(check -> {
                if (!(check instanceof Check.Valid valid)) {
                    refuse(ctx, check);
                } else if (decision.equals("approve")) {
                    approve(ctx, valid, account.get());
                } else if (decision.equals("deny")) {
                    redirect(ctx, valid.redirectUri(), errorParams(new OAuthError(403, "access_denied",
                            "The resource owner or authorization server denied the request."), valid.state()));
                } else {
                    Html.error(ctx, 400, "Invalid request", "Choose Authorize or Deny.");
                }
            }).onFailure(ctx::fail);
        }).onFailure(ctx::fail);
    }

    private void approve(RoutingContext ctx, Check.Valid valid, Account account) {
        authorization.approve(valid, account.id()).onSuccess(code -> {
            if (OAuthApp.OOB.equals(valid.redirectUri())) {
                Html.send(ctx, 200, Pages.code(valid.app().name(), code));
                return;
            }
            Map<String, String> params = new LinkedHashMap<>();
            params.put("code", code);
            if (valid.state() != null) {
                params.put("state", valid.state());
            }
            redirect(ctx, valid.redirectUri(), params);
        }).onFailure(ctx::fail);
    }

    private static void refuse(RoutingContext ctx, Check check) {
        if (check instanceof Check.Invalid invalid) {
            Html.error(ctx, 400, "Authorization failed", invalid.message());
        } else if (check instanceof Check.RedirectError re) {
            if (OAuthApp.OOB.equals(re.redirectUri())) {
                Html.error(ctx, 400, "Authorization failed", re.error().description());
            } else {
                redirect(ctx, re.redirectUri(), errorParams(re.error(), re.state()));
            }
        }
    }

    private static Map<String, String> errorParams(OAuthError error, String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error.error());
        params.put("error_description", error.description());
        if (state != null) {
            params.put("state", state);
        }
        return params;
    }

    /** The registered redirect URI with the parameters added to its query. */
    private static void redirect(RoutingContext ctx, String redirectUri, Map<String, String> params) {
        StringBuilder location = new StringBuilder(redirectUri);
        char sep = redirectUri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            location.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        ctx.response().setStatusCode(302).putHeader("Location", location.toString())
                .putHeader("Cache-Control", "no-store").end();
    }
}
