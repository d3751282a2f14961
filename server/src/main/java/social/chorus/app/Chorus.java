package social.chorus.app;

import io.vertx.core.Vertx;
import java.net.BindException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.app.config.ChorusConfig;
import social.chorus.http.HttpServerVerticle;
import social.chorus.http.RouteModule;
import social.chorus.process.housekeeping.Housekeeping;
import social.chorus.storage.Database;

/**
 * One running Chorus instance: database, migrations, Vert.x and the HTTP server, started in that
 * order and stopped in reverse. Several can run in one JVM (the federation tests do).
 */
public final class Chorus {
    private static final Logger log = LoggerFactory.getLogger(Chorus.class);

    /** What an embedding (a test, a benchmark) may add to, or change in, a normal start. */
    public record Extras(Clock clock, List<RouteModule> routes, Housekeeping.Schedule housekeeping) {
        public Extras(Clock clock, List<RouteModule> routes) {
            this(clock, routes, Housekeeping.Schedule.DEFAULT);
        }

        public static Extras none() {
            return new Extras(Clock.systemUTC(), List.of());
        }
    }

    private final ChorusConfig config;
    private final Database database;
    private final Vertx vertx;
    private final Services services;
    private final HttpServerVerticle http;
    private final String deploymentId;

    private Chorus(ChorusConfig config, Database database, Vertx vertx, Services services, HttpServerVerticle http,
            String deploymentId) {
        this.config = config;
        this.database = database;
        this.vertx = vertx;
        this.services = services;
        this.http = http;
        this.deploymentId = deploymentId;
    }

    public static Chorus start(ChorusConfig config) {
        return start(config, Extras.none());
    }

    /**
     * Starts and returns once the HTTP server listens. Blocking: call from a main or test thread.
     *
     * @throws StartupException with an operator-readable message when something is in the way
     */
    public static Chorus start(ChorusConfig config, Extras extras) {
        long started = System.nanoTime();
        Database database = DatabaseStartup.open(config);
        Vertx vertx = null;
        Services services = null;
        try {
            DatabaseStartup.migrate(database);
            DatabaseStartup.checkDomain(database, config.domain(), extras.clock());
            vertx = Vertx.vertx();
            services = new Services(config, vertx, database, extras.clock());
            services.instanceActor().ensure().await();
            List<RouteModule> routes = new ArrayList<>(HttpWiring.routes(config, services, extras.clock()));
            routes.addAll(extras.routes());
            HttpServerVerticle http = new HttpServerVerticle(config.httpHost(), config.httpPort(),
                    config.shutdownGraceSeconds(), () -> routes);
            String id = listen(vertx, http, config);
            services.federation().unavailableHosts().start().await();
            services.federation().deliveryWorker().start();
            services.housekeeping().start(extras.housekeeping());
            log.info("Chorus serving {} on {}:{} with {} {}, ready in {} ms", config.baseUrl(), config.httpHost(),
                    http.actualPort(), database.kind().displayName(), database.version(),
                    (System.nanoTime() - started) / 1_000_000);
            return new Chorus(config, database, vertx, services, http, id);
        } catch (RuntimeException e) {
            if (services != null) {
                services.close();
            }
            if (vertx != null) {
                vertx.close().await();
            }
            database.close();
            throw e;
        }
    }

    private static String listen(Vertx vertx, HttpServerVerticle http, ChorusConfig config) {
        try {
            return vertx.deployVerticle(http).await();
        } catch (Exception e) { // await() rethrows the listen failure as is, checked or not
            if (causedByBindFailure(e)) {
                throw new StartupException(ExitCode.PORT_IN_USE, "Port " + config.httpPort() + " on "
                        + config.httpHost() + " is already in use (CHORUS_HTTP_PORT). Stop the process that"
                        + " holds it or choose another port.", e);
            }
            throw new IllegalStateException("The HTTP server did not start: " + e, e);
        }
    }

    private static boolean causedByBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || t.getMessage() != null && t.getMessage().contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Graceful stop: the HTTP server stops accepting and lets open requests finish (up to the
     * grace period), then the workers, Vert.x and the pool close. Blocking.
     */
    public void stop() {
        log.info("Stopping: finishing in-flight requests (up to {} s)", config.shutdownGraceSeconds());
        try {
            vertx.undeploy(deploymentId).await();
        } finally {
            services.close();
            vertx.close().await();
            database.close();
        }
        log.info("Stopped");
    }

    public ChorusConfig config() {
        return config;
    }

    /** The instance's services, for tests and embeddings that drive it without HTTP. */
    public Services services() {
        return services;
    }

    public int httpPort() {
        return http.actualPort();
    }
}
