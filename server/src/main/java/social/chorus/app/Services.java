package social.chorus.app;

import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import social.chorus.app.config.ChorusConfig;
import social.chorus.federation.sig.Keys;
import social.chorus.model.LocalIds;
import social.chorus.process.account.AccountService;
import social.chorus.process.account.PasswordHasher;
import social.chorus.process.health.HealthService;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Database;
import social.chorus.storage.Db;

/**
 * Every service of one instance, wired once: the server and the operator CLI build the same
 * graph, so a command acts exactly as the running server would.
 */
public final class Services implements AutoCloseable {
    private final Db db;
    private final LocalIds ids;
    private final HealthService health;
    private final AccountService accounts;

    public Services(ChorusConfig config, Vertx vertx, Database database, Clock clock) {
        SecureRandom random = new SecureRandom();
        this.db = new Db(vertx, database, config.db().poolSize());
        this.ids = new LocalIds(config.baseUrl());
        this.health = new HealthService(db);
        this.accounts = new AccountService(vertx, db, new AccountRepository(clock),
                new PasswordHasher(PasswordHasher.Cost.DEFAULT, random), new Keys(random), ids,
                config.registrations());
    }

    public Db db() {
        return db;
    }

    public LocalIds ids() {
        return ids;
    }

    public HealthService health() {
        return health;
    }

    public AccountService accounts() {
        return accounts;
    }

    @Override
    public void close() {
        db.close();
    }
}
