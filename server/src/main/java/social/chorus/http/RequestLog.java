package social.chorus.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request: method, path, status, milliseconds. The query string and headers are
 * left out on purpose: they carry tokens and signatures.
 */
public final class RequestLog implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger("social.chorus.http.access");

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        ctx.addEndHandler(done -> {
            long ms = (System.nanoTime() - start) / 1_000_000;
            int status = ctx.response().getStatusCode();
            // Health probes arrive every few seconds from Docker and load balancers.
            if ("/healthz".equals(path)) {
                log.debug("{} {} {} {}ms", method, path, status, ms);
            } else {
                log.info("{} {} {} {}ms", method, path, status, ms);
            }
        });
        ctx.next();
    }
}
