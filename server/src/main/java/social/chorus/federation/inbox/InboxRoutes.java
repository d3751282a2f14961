package social.chorus.federation.inbox;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.federation.sig.HttpHeaders;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.http.RouteModule;

/**
 * {@code POST /inbox} (shared), {@code POST /users/{name}/inbox} and {@code POST /actor/inbox}.
 * Bodies over 1 MiB are refused with 413 before they are read; only JSON content types are
 * taken. Every accepted delivery answers 202, including types we ignore.
 */
public final class InboxRoutes implements RouteModule {
    private static final Logger log = LoggerFactory.getLogger(InboxRoutes.class);
    static final long MAX_BODY = 1024 * 1024;
    private static final Set<String> JSON_TYPES =
            Set.of("application/activity+json", "application/ld+json", "application/json");

    private final InboxProcessor processor;
    private final String publicScheme;

    /** @param publicScheme the scheme of the instance's base URL: what senders signed, not what the proxy forwarded */
    public InboxRoutes(InboxProcessor processor, String publicScheme) {
        this.processor = processor;
        this.publicScheme = publicScheme;
    }

    @Override
    public void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_BODY);
        router.post("/inbox").handler(body).handler(ctx -> receive(ctx, Optional.empty()));
        router.post("/actor/inbox").handler(body).handler(ctx -> receive(ctx, Optional.of("instance")));
        router.post("/users/:name/inbox").handler(body)
                .handler(ctx -> receive(ctx, Optional.of(ctx.pathParam("name"))));
    }

    private void receive(RoutingContext ctx, Optional<String> owner) {
        String contentType = Optional.ofNullable(ctx.request().getHeader("Content-Type")).orElse("")
                .split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!JSON_TYPES.contains(contentType)) {
            answer(ctx, 415, "expected application/activity+json");
            return;
        }
        HttpRequestView view = new HttpRequestView(ctx.request().method().name(), publicScheme,
                Optional.ofNullable(ctx.request().getHeader("Host")).orElse(""), ctx.request().uri(),
                headers(ctx.request().headers()), ctx.body().buffer() == null ? new byte[0]
                        : ctx.body().buffer().getBytes());
        processor.receive(view, owner).onComplete(done -> {
            if (done.succeeded()) {
                ctx.response().setStatusCode(202).end();
            } else if (done.cause() instanceof InboxException refused) {
                log.info("Inbox refused a delivery from {}: {} {}", ctx.request().remoteAddress(), refused.status(),
                        refused.getMessage());
                answer(ctx, refused.status(), refused.getMessage());
            } else {
                ctx.fail(done.cause());
            }
        });
    }

    private static HttpHeaders headers(MultiMap map) {
        List<HttpHeaders.Header> entries = new ArrayList<>();
        map.forEach(e -> entries.add(new HttpHeaders.Header(e.getKey(), e.getValue())));
        return HttpHeaders.fromEntries(entries);
    }

    private static void answer(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", message).encode());
    }
}
