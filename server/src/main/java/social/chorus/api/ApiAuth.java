package social.chorus.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import social.chorus.model.Account;
import social.chorus.process.ClientError;
import social.chorus.process.auth.Caller;
import social.chorus.process.auth.TokenService;

/**
 * Bearer-token authentication and scope checks for client-API routes, with Mastodon's answers:
 * 401 "The access token is invalid" for a missing, unknown or revoked token, 403 "This action is
 * outside the authorized scopes" when no scope of the token covers the route. The lookup runs on
 * the database workers ({@link TokenService#authenticate}), never on the event loop.
 */
public final class ApiAuth {
    private static final String CALLER = "chorus.api.caller";
    private static final String INVALID = "The access token is invalid";
    private static final String OUT_OF_SCOPE = "This action is outside the authorized scopes";

    private final TokenService tokens;

    public ApiAuth(TokenService tokens) {
        this.tokens = tokens;
    }

    /** A token is required and must grant at least one of {@code anyOf} (none listed: any token). */
    public Handler<RoutingContext> required(String... anyOf) {
        return ctx -> authenticate(ctx, true, List.of(anyOf));
    }

    /** As Mastodon's authorize_if_got_token!: public, but a token that is sent must be valid and in scope. */
    public Handler<RoutingContext> ifPresent(String... anyOf) {
        return ctx -> authenticate(ctx, false, List.of(anyOf));
    }

    private void authenticate(RoutingContext ctx, boolean required, List<String> anyOf) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || header.isBlank()) {
            if (required) {
                refuse(ctx, 401, "invalid_token", INVALID);
            } else {
                ctx.next();
            }
            return;
        }
        String bearer = bearer(header);
        tokens.authenticate(bearer).onSuccess(caller -> {
            if (caller.isEmpty()) {
                refuse(ctx, 401, "invalid_token", INVALID);
            } else if (!anyOf.isEmpty() && !caller.get().scopes().grantsAny(anyOf)) {
                refuse(ctx, 403, "insufficient_scope", OUT_OF_SCOPE);
            } else {
                ctx.put(CALLER, caller.get());
                ctx.next();
            }
        }).onFailure(ctx::fail);
    }

    private static String bearer(String header) {
        String h = header.strip();
        return h.length() > 7 && h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ") ? h.substring(7).strip()
                : null;
    }

    private static void refuse(RoutingContext ctx, int status, String code, String message) {
        ctx.response().putHeader("WWW-Authenticate",
                "Bearer realm=\"Doorkeeper\", error=\"" + code + "\", error_description=\"" + message + "\"");
        ctx.fail(new ClientError(status, message));
    }

    /** The authenticated caller; only on routes behind {@link #required} (or ifPresent with a token). */
    public static Caller caller(RoutingContext ctx) {
        Caller c = ctx.get(CALLER);
        if (c == null) {
            throw new IllegalStateException("route is not behind ApiAuth");
        }
        return c;
    }

    /** The caller, if a token was sent to an {@link #ifPresent} route. */
    public static Optional<Caller> optionalCaller(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(CALLER));
    }

    /**
     * The account behind a user token, refused as Mastodon refuses it: 422 for an app token, 403
     * for a disabled or not yet approved login.
     */
    public static Account activeUser(RoutingContext ctx) {
        Caller c = caller(ctx);
        return switch (c.state()) {
            case APP_ONLY -> throw new ClientError(422, "This method requires an authenticated user");
            case DISABLED -> throw new ClientError(403, "Your login is currently disabled");
            case PENDING -> throw new ClientError(403, "Your login is currently pending approval");
            case ACTIVE -> c.account();
        };
    }
}
