package social.chorus.api.accounts;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.chorus.api.ApiAuth;
import social.chorus.api.ApiJson;
import social.chorus.api.ApiParams;
import social.chorus.model.Account;
import social.chorus.process.ClientError;
import social.chorus.process.auth.AccountLookup;
import social.chorus.process.auth.ApiRegistration;
import social.chorus.process.auth.ApiRegistration.FieldError;
import social.chorus.process.auth.IssuedToken;
import social.chorus.process.auth.ProfileService;

/**
 * The accounts part of the client API: registration, the credential account, lookup and show.
 * Follow, block and relationship routes come with the follow feature.
 */
public final class AccountRoutes {
    private final ApiRegistration registration;
    private final ProfileService profiles;
    private final AccountLookup lookup;
    private final ApiAuth auth;
    private final AccountJson json;
    private final Handler<RoutingContext> signUpLimit;

    /** @param signUpLimit counts each sign-up against its address before anything is hashed */
    public AccountRoutes(ApiRegistration registration, ProfileService profiles, AccountLookup lookup, ApiAuth auth,
            AccountJson json, Handler<RoutingContext> signUpLimit) {
        this.registration = registration;
        this.profiles = profiles;
        this.lookup = lookup;
        this.auth = auth;
        this.json = json;
        this.signUpLimit = signUpLimit;
    }

    public void mount(Router router) {
        router.post("/api/v1/accounts").handler(ApiParams.bodyHandler())
                .handler(auth.required("write:accounts")).handler(signUpLimit).handler(this::register);
        router.get("/api/v1/accounts/verify_credentials")
                .handler(auth.required("profile", "read:accounts")).handler(this::verifyCredentials);
        router.patch("/api/v1/accounts/update_credentials").handler(ApiParams.bodyHandler())
                .handler(auth.required("write:accounts")).handler(this::updateCredentials);
        router.get("/api/v1/accounts/lookup").handler(auth.ifPresent("read:accounts")).handler(this::lookup);
        // Digits only, so that /api/v1/accounts/relationships and friends stay free for other modules.
        router.getWithRegex("/api/v1/accounts/(?<id>[0-9]{1,18})").handler(auth.ifPresent("read:accounts"))
                .handler(this::show);
    }

    private void register(RoutingContext ctx) {
        ApiParams p = ApiParams.of(ctx);
        ApiRegistration.Form form = new ApiRegistration.Form(p.orNull("username"), p.orNull("email"),
                p.orNull("password"), p.bool("agreement").orElse(false), p.orNull("locale"), p.orNull("reason"));
        registration.register(ApiAuth.caller(ctx), form).onSuccess(result -> {
            if (result instanceof ApiRegistration.Result.Registered r) {
                ApiJson.sendNoStore(ctx, 200, tokenJson(r.token()));
            } else if (result instanceof ApiRegistration.Result.Invalid invalid) {
                ApiJson.send(ctx, 422, new JsonObject().put("error", invalid.message())
                        .put("details", detailsJson(invalid.details())));
            }
        }).onFailure(ctx::fail);
    }

    private void verifyCredentials(RoutingContext ctx) {
        Account account = ApiAuth.activeUser(ctx);
        profiles.credentials(account).onSuccess(c -> ApiJson.send(ctx, 200, json.credentialAccount(c)))
                .onFailure(ctx::fail);
    }

    private void updateCredentials(RoutingContext ctx) {
        Account account = ApiAuth.activeUser(ctx);
        ApiParams p = ApiParams.of(ctx);
        ProfileService.ProfileUpdate update = new ProfileService.ProfileUpdate(p.orNull("display_name"),
                p.orNull("note"), p.bool("locked").orElse(null), p.bool("hide_favourites").orElse(null));
        profiles.update(account.id(), update)
                .onSuccess(updated -> ApiJson.send(ctx, 200, json.credentialAccount(updated)))
                .onFailure(ctx::fail);
    }

    private void lookup(RoutingContext ctx) {
        Optional<String> acct = ApiParams.query(ctx).string("acct");
        if (acct.isEmpty() || acct.get().isBlank()) {
            ctx.fail(new ClientError(404, "Record not found"));
            return;
        }
        lookup.byAcct(acct.get()).onSuccess(found -> respond(ctx, found)).onFailure(ctx::fail);
    }

    private void show(RoutingContext ctx) {
        lookup.byId(Long.parseLong(ctx.pathParam("id"))).onSuccess(found -> respond(ctx, found))
                .onFailure(ctx::fail);
    }

    private void respond(RoutingContext ctx, Optional<Account> found) {
        if (found.isEmpty()) {
            ctx.fail(new ClientError(404, "Record not found"));
        } else {
            ApiJson.send(ctx, 200, json.account(found.get()));
        }
    }

    private static JsonObject tokenJson(IssuedToken t) {
        return new JsonObject().put("access_token", t.accessToken()).put("token_type", "Bearer")
                .put("scope", t.scopes().asString()).put("created_at", t.createdAt().getEpochSecond());
    }

    private static JsonObject detailsJson(Map<String, List<FieldError>> details) {
        JsonObject out = new JsonObject();
        details.forEach((field, errors) -> {
            JsonArray list = new JsonArray();
            errors.forEach(e -> list.add(new JsonObject().put("error", e.error()).put("description", e.description())));
            out.put(field, list);
        });
        return out;
    }
}
