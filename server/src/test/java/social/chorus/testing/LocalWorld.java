package social.chorus.testing;

import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import social.chorus.app.config.ChorusConfig.Registrations;
import social.chorus.federation.sig.Keys;
import social.chorus.model.LocalIds;
import social.chorus.process.account.AccountService;
import social.chorus.process.account.PasswordHasher;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Database;
import social.chorus.storage.Db;
import social.chorus.storage.Migrations;

/**
 * What the service-level tests start from: a fresh, migrated database of one kind, its {@link Db},
 * the instance's ids ({@code https://chorus.example}) and sign-ups with a cheap password hash.
 */
public final class LocalWorld implements AutoCloseable {
    public final Clock clock = Clock.systemUTC();
    public final LocalIds ids = new LocalIds("https://chorus.example");
    public final AccountRepository accountRepo = new AccountRepository(clock);
    public final Db db;
    public final AccountService accounts;
    private final TestDatabase tdb;
    private final Database database;

    private LocalWorld(Vertx vertx, TestDatabase tdb, Database database) {
        this.tdb = tdb;
        this.database = database;
        this.db = new Db(vertx, database, 4);
        this.accounts = new AccountService(vertx, db, accountRepo,
                new PasswordHasher(new PasswordHasher.Cost(1024, 1, 1), new SecureRandom()), new Keys(), ids,
                Registrations.OPEN);
    }

    public static LocalWorld open(Vertx vertx, TestDatabase.Kind kind) {
        TestDatabase tdb = TestDatabase.create(kind);
        Database database = Database.open(tdb.config());
        new Migrations(database).migrate();
        return new LocalWorld(vertx, tdb, database);
    }

    @Override
    public void close() {
        db.close();
        database.close();
        tdb.close();
    }
}
