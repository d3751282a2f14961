package social.chorus.api.oauth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import social.chorus.api.ApiAuth;
import social.chorus.api.ApiJson;
import social.chorus.api.ApiParams;
import social.chorus.process.ClientError;
import social.chorus.process.auth.AppService;
import social.chorus.process.auth.OAuthApp;

/** {@code POST /api/v1/apps} and {@code GET /api/v1/apps/verify_credentials}. */
final class AppRoutes {
    private final AppService apps;
    private final ApiAuth auth;

    AppRoutes(AppService apps, ApiAuth auth) {
        this.apps = apps;
        this.auth = auth;
    }

    void mount(Router router) {
        router.post("/api/v1/apps").handler(ApiParams.bodyHandler()).handler(this::register);
        router.get("/api/v1/apps/verify_credentials").handler(auth.required()).handler(this::verify);
    }

    private void register(RoutingContext ctx) {
        ApiParams p = ApiParams.of(ctx);
        AppService.Registration r = new AppService.Registration(p.orNull("client_name"), p.orNull("website"),
                p.list("redirect_uris"), p.orNull("scopes"));
        apps.register(r).onSuccess(reg -> ApiJson.sendNoStore(ctx, 200, appJson(reg.app())
                .put("client_id", reg.app().clientId())
                .put("client_secret", reg.clientSecret())
                .put("client_secret_expires_at", 0)
                .put("vapid_key", null)))
                .onFailure(ctx::fail);
    }

    private void verify(RoutingContext ctx) {
        apps.findById(ApiAuth.caller(ctx).applicationId()).onSuccess(app -> {
            if (app.isEmpty()) {
                ctx.fail(new ClientError(401, "The access token is invalid"));
            } else {
                ApiJson.send(ctx, 200, appJson(app.get()).put("vapid_key", null));
            }
        }).onFailure(ctx::fail);
    }

    /** Mastodon's Application entity, without the credentials. */
    static JsonObject appJson(OAuthApp app) {
        return new JsonObject()
                .put("id", String.valueOf(app.id()))
                .put("name", app.name())
                .put("website", app.website())
                .put("scopes", new JsonArray(app.scopes().asList()))
                .put("redirect_uri", String.join("\n", app.redirectUris()))
                .put("redirect_uris", new JsonArray(app.redirectUris()));
    }
}
