package social.chorus.app.cli;

import io.vertx.core.Vertx;
import java.time.Clock;
import social.chorus.app.DatabaseStartup;
import social.chorus.app.Services;
import social.chorus.app.config.ChorusConfig;
import social.chorus.storage.Database;

/**
 * What an admin command runs against: the same database checks and services as the server
 * (migrations applied, domain verified), without the HTTP server.
 */
final class AdminContext implements AutoCloseable {
    private final Database database;
    private final Vertx vertx;
    private final Services services;

    AdminContext(ChorusConfig config) {
        this.database = DatabaseStartup.open(config);
        try {
            DatabaseStartup.migrate(database);
            DatabaseStartup.checkDomain(database, config.domain(), Clock.systemUTC());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        this.vertx = Vertx.vertx();
        this.services = new Services(config, vertx, database, Clock.systemUTC());
    }

    Services services() {
        return services;
    }

    @Override
    public void close() {
        services.close();
        vertx.close().await();
        database.close();
    }
}
