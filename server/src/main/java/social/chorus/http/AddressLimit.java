package social.chorus.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * A route step that counts the request against its client's address and refuses it with 429
 * once the address is over the limit, before any later step does expensive work. Allowed
 * requests carry the {@code X-RateLimit-*} headers too, so apps can see what is left.
 */
public final class AddressLimit implements Handler<RoutingContext> {
    private final RateLimiter limiter;
    private final ClientAddress addresses;

    public AddressLimit(RateLimiter limiter, ClientAddress addresses) {
        this.limiter = limiter;
        this.addresses = addresses;
    }

    @Override
    public void handle(RoutingContext ctx) {
        RateLimiter.Decision d = limiter.acquire(addresses.of(ctx.request()));
        if (!d.allowed()) {
            ctx.fail(new TooManyRequests(d));
            return;
        }
        TooManyRequests.putHeaders(ctx.response(), d);
        ctx.next();
    }
}
