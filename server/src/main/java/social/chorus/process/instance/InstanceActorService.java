package social.chorus.process.instance;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.KeyPair;
import java.sql.SQLException;
import java.util.Optional;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.federation.sig.Keys;
import social.chorus.federation.sig.Multikey;
import social.chorus.federation.sig.Pem;
import social.chorus.federation.sig.SigningKey;
import social.chorus.model.Account;
import social.chorus.model.ActorType;
import social.chorus.model.LocalIds;
import social.chorus.model.LocalKeys;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;

/**
 * The instance actor: an {@code Application} at {@code BASE/actor} whose key signs the fetches the
 * server makes on its own behalf (remote keys, actors, objects), as Mastodon's does. It is a local
 * account row named {@code instance} (a name people cannot take) without a sign-in row.
 *
 * <p>{@link #ensure()} runs once at start; afterwards the actor and its signing key are served
 * from memory.
 */
public final class InstanceActorService {
    /** The instance actor's username; reserved for people by UsernamePolicy. */
    public static final String USERNAME = "instance";

    private static final Logger log = LoggerFactory.getLogger(InstanceActorService.class);

    private final Vertx vertx;
    private final Db db;
    private final AccountRepository accounts;
    private final Keys keys;
    private final String baseUrl;
    private final String domain;
    /** Set by {@link #ensure()}; read by request threads, hence volatile. */
    private volatile Loaded loaded;

    private record Loaded(Account actor, SigningKey signingKey) {
    }

    /** What is stored for a new instance actor; built off the event loop (RSA key generation). */
    private record Built(Account account, LocalKeys keys) {
    }

    public InstanceActorService(Vertx vertx, Db db, AccountRepository accounts, Keys keys, LocalIds ids,
            String domain) {
        this.vertx = vertx;
        this.db = db;
        this.accounts = accounts;
        this.keys = keys;
        this.baseUrl = ids.baseUrl();
        this.domain = domain;
    }

    /** {@code BASE/actor}, the instance actor's id. */
    public String actorUri() {
        return baseUrl + "/actor";
    }

    /** {@code BASE/actor#main-key}, the keyId of the instance's signed fetches. */
    public String mainKeyId() {
        return actorUri() + "#main-key";
    }

    /**
     * Creates the instance actor unless it exists, then loads it and its key into memory.
     * Idempotent across restarts; when two processes start at once on one database, the unique
     * key on (username, domain) lets one insert win and the other reads the winner's row.
     */
    public Future<Account> ensure() {
        return find().compose(found -> found.isPresent() ? Future.succeededFuture(found.get()) : createOrReread())
                .compose(this::load);
    }

    /** The instance actor as loaded by {@link #ensure()}. */
    public Account instanceActor() {
        return current().actor();
    }

    /** The key for signed fetches made on behalf of the server ({@code BASE/actor#main-key}, RSA). */
    public SigningKey instanceSigningKey() {
        return current().signingKey();
    }

    private Loaded current() {
        Loaded l = loaded;
        if (l == null) {
            throw new IllegalStateException("the instance actor is not loaded: ensure() runs at start");
        }
        return l;
    }

    private Future<Optional<Account>> find() {
        return db.read(dsl -> accounts.findByUsername(dsl, USERNAME, "")).map(found -> {
            found.ifPresent(this::checkIsInstanceActor);
            return found;
        });
    }

    /** Inserts a fresh actor; when another process inserted it first, returns that one. */
    Future<Account> createOrReread() {
        return vertx.executeBlocking(this::build, false)
                .compose(b -> db.tx(dsl -> accounts.insertLocalActor(dsl, b.account(), b.keys())))
                .onSuccess(a -> log.info("Created the instance actor {}", a.uri()))
                .recover(e -> uniqueViolation(e)
                        ? find().map(found -> found.orElseThrow(() -> new IllegalStateException(
                                "Cannot create the instance actor " + actorUri()
                                        + ": another account already uses that id", e)))
                        : Future.failedFuture(e));
    }

    private Future<Account> load(Account actor) {
        return db.read(dsl -> accounts.findLocalKeys(dsl, actor.id())
                .orElseThrow(() -> new IllegalStateException("the instance actor has no private keys"))
                .rsaPrivatePem())
                .map(pem -> {
                    // Decoded once here: every signed fetch reuses the parsed key.
                    loaded = new Loaded(actor, new SigningKey(actor.publicKey().id(), Pem.decodePrivate(pem)));
                    return actor;
                });
    }

    private Built build() {
        KeyPair rsa = keys.generateRsa();
        KeyPair ed = keys.generateEd25519();
        String id = actorUri();
        Account account = new Account(0, USERNAME, "", ActorType.APPLICATION, id, id, domain, "",
                new Account.ActorEndpoints(id + "/inbox", id + "/outbox", baseUrl + "/inbox", null, null),
                new Account.PublicKey(mainKeyId(), Pem.encodePublic(rsa.getPublic())),
                new Account.PublicKey(id + "#ed25519-key", Multikey.encode(ed.getPublic())),
                // Locked and hidden: nobody follows the instance actor; it only signs fetches.
                new Account.AccountFlags(true, false, false), new Account.AccountCounts(0, 0, 0), null, null, null);
        return new Built(account, new LocalKeys(0, Pem.encodePrivate(rsa.getPrivate()),
                Pem.encodePrivate(ed.getPrivate())));
    }

    private void checkIsInstanceActor(Account a) {
        if (!a.uri().equals(actorUri()) || a.publicKey() == null) {
            // Only possible if the row was made by hand: signing with someone else's key would be worse.
            throw new IllegalStateException("The local account '" + USERNAME + "' is not this instance's actor "
                    + actorUri() + " (its id is " + a.uri() + "); rename or remove it in the database");
        }
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IntegrityConstraintViolationException
                    || t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
