package social.chorus.api.oauth;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import social.chorus.api.ApiJson;
import social.chorus.api.ApiParams;
import social.chorus.process.auth.IssuedToken;
import social.chorus.process.auth.OAuthError;
import social.chorus.process.auth.TokenService;
import social.chorus.process.auth.TokenService.Outcome;

/** {@code POST /oauth/token} and {@code POST /oauth/revoke}. */
final class TokenRoutes {
    private final TokenService tokens;

    TokenRoutes(TokenService tokens) {
        this.tokens = tokens;
    }

    void mount(Router router) {
        router.post("/oauth/token").handler(ApiParams.bodyHandler()).handler(this::token);
        router.post("/oauth/revoke").handler(ApiParams.bodyHandler()).handler(this::revoke);
    }

    /** Client credentials from HTTP Basic (RFC 6749 section 2.3.1) or from the parameters. */
    private record Client(String id, String secret, boolean basic) {
    }

    private static Client client(RoutingContext ctx, ApiParams p) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.length() > 6 && header.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return new Client(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                            URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8), true);
                }
            } catch (IllegalArgumentException e) {
                // not valid Basic credentials: treated as none (invalid_client)
            }
            return new Client(null, null, true);
        }
        return new Client(p.orNull("client_id"), p.orNull("client_secret"), false);
    }

    private void token(RoutingContext ctx) {
        ApiParams p = ApiParams.of(ctx);
        Client client = client(ctx, p);
        TokenService.TokenRequest request = new TokenService.TokenRequest(p.orNull("grant_type"), client.id(),
                client.secret(), p.orNull("code"), p.orNull("redirect_uri"), p.orNull("code_verifier"),
                p.orNull("scope"), p.orNull("refresh_token"));
        tokens.grant(request).onSuccess(outcome -> {
            if (outcome instanceof Outcome.Issued issued) {
                ApiJson.sendNoStore(ctx, 200, tokenJson(issued.token()));
            } else if (outcome instanceof Outcome.Refused refused) {
                if (refused.error().status() == 401 && client.basic()) {
                    ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"Doorkeeper\"");
                }
                sendError(ctx, refused.error());
            }
        }).onFailure(ctx::fail);
    }

    private void revoke(RoutingContext ctx) {
        ApiParams p = ApiParams.of(ctx);
        Client client = client(ctx, p);
        tokens.revoke(new TokenService.RevokeRequest(client.id(), client.secret(), p.orNull("token")))
                .onSuccess(error -> {
                    if (error.isPresent()) {
                        sendError(ctx, error.get());
                    } else {
                        ApiJson.sendNoStore(ctx, 200, new JsonObject());
                    }
                }).onFailure(ctx::fail);
    }

    /** Mastodon's Token entity (plus refresh_token when one was issued). */
    static JsonObject tokenJson(IssuedToken t) {
        JsonObject json = new JsonObject()
                .put("access_token", t.accessToken())
                .put("token_type", "Bearer")
                .put("scope", t.scopes().asString())
                .put("created_at", t.createdAt().getEpochSecond());
        if (t.refreshToken() != null) {
            json.put("refresh_token", t.refreshToken());
        }
        return json;
    }

    private static void sendError(RoutingContext ctx, OAuthError error) {
        ApiJson.sendNoStore(ctx, error.status(),
                new JsonObject().put("error", error.error()).put("error_description", error.description()));
    }
}
