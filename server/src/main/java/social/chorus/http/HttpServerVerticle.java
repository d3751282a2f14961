package social.chorus.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** One HTTP server on the configured address; its stop lets in-flight requests finish. */
public final class HttpServerVerticle extends VerticleBase {
    private final String host;
    private final int port;
    private final int shutdownGraceSeconds;
    private final Supplier<List<RouteModule>> modules;
    private HttpServer server;

    public HttpServerVerticle(String host, int port, int shutdownGraceSeconds, Supplier<List<RouteModule>> modules) {
        this.host = host;
        this.port = port;
        this.shutdownGraceSeconds = shutdownGraceSeconds;
        this.modules = modules;
    }

    @Override
    public Future<?> start() {
        Router router = Routes.build(vertx, modules.get());
        server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setCompressionSupported(true)
                // No h2c upgrade: peers and reverse proxies speak HTTP/1.1 here, and an upgraded
                // connection's first request is cut by GOAWAY on shutdown instead of finishing.
                .setHttp2ClearTextEnabled(false));
        return server.requestHandler(router).listen();
    }

    @Override
    public Future<?> stop() {
        // shutdown() stops accepting, then waits for open requests up to the grace period.
        return server == null ? Future.succeededFuture() : server.shutdown(shutdownGraceSeconds, TimeUnit.SECONDS);
    }

    public int actualPort() {
        return server.actualPort();
    }
}
