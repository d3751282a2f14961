package social.chorus.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import social.chorus.process.ClientError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into {@code {"error": "..."}} with the right status. Client errors say what
 * was wrong; anything else is a 500 whose details go to the log only, never to the client.
 */
public final class FailureHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status;
        String message;
        if (failure instanceof ClientError error) {
            status = error.status();
            message = error.getMessage();
            if (error.getCause() != null) {
                log.debug("{} {} -> {}: {}", ctx.request().method(), ctx.request().path(), status, message,
                        error.getCause());
            }
        } else if (failure instanceof TooManyRequests limited) {
            status = 429;
            message = TooManyRequests.MESSAGE;
            if (!ctx.response().headWritten()) {
                TooManyRequests.putHeaders(ctx.response(), limited.decision());
            }
        } else if (failure instanceof HttpException http) {
            status = http.getStatusCode();
            message = reason(status);
        } else if (failure != null) {
            status = 500;
            message = reason(500);
            log.error("Unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
        } else {
            status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
            message = reason(status);
        }
        if (ctx.response().headWritten()) {
            // Too late for a JSON body; the status line is already on the wire.
            ctx.request().connection().close();
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", message).encode());
    }

    private static String reason(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }
}
