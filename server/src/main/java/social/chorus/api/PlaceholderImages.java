package social.chorus.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import social.chorus.api.accounts.AccountJson;

/**
 * The images entities point at until media exist: a one-pixel PNG for every missing avatar,
 * header and the instance thumbnail. Read once at start, served from memory.
 */
public final class PlaceholderImages {
    public static final String THUMBNAIL = "/images/thumbnail.png";

    private final Buffer png;

    PlaceholderImages() {
        try (InputStream in = PlaceholderImages.class.getResourceAsStream("/api/missing.png")) {
            if (in == null) {
                throw new IllegalStateException("resource /api/missing.png is missing from the jar");
            }
            png = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void mount(Router router) {
        router.get(AccountJson.MISSING_AVATAR).handler(this::serve);
        router.get(AccountJson.MISSING_HEADER).handler(this::serve);
        router.get(THUMBNAIL).handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "image/png")
                .putHeader("Cache-Control", "public, max-age=86400")
                .putHeader("Access-Control-Allow-Origin", "*")
                .end(png);
    }
}
