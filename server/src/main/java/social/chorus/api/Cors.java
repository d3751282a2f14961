package social.chorus.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * CORS as Mastodon serves it for /api/* and the OAuth token endpoints: any origin, no cookies
 * (the API authenticates with bearer tokens, so a wildcard origin exposes nothing a page could
 * not already do with the token). Preflights are answered here.
 */
public final class Cors implements Handler<RoutingContext> {
    private static final Pattern HEADER_LIST = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~, -]{1,512}");

    private final String methods;

    public Cors(String methods) {
        this.methods = methods;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().putHeader("Access-Control-Allow-Origin", "*");
        String requestedMethod = ctx.request().getHeader("Access-Control-Request-Method");
        if (ctx.request().method() == HttpMethod.OPTIONS && requestedMethod != null) {
            String requestedHeaders = ctx.request().getHeader("Access-Control-Request-Headers");
            ctx.response()
                    .putHeader("Access-Control-Allow-Methods", methods)
                    .putHeader("Access-Control-Allow-Headers", requestedHeaders != null
                            && HEADER_LIST.matcher(requestedHeaders).matches() ? requestedHeaders
                            : "Authorization, Content-Type, Idempotency-Key")
                    .putHeader("Access-Control-Max-Age", "7200")
                    .setStatusCode(200)
                    .end();
            return;
        }
        ctx.response().putHeader("Access-Control-Expose-Headers",
                "Link, X-RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, X-Request-Id");
        ctx.next();
    }
}
