package social.chorus.process.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.LocalUser;
import social.chorus.process.ClientError;
import social.chorus.process.account.PasswordHasher;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;
import social.chorus.storage.SessionRepository;

/**
 * Signing in with a password, and the browser sessions that follow. Sessions live in the
 * database so that signing out ends them everywhere at once.
 */
public final class SignInService {
    public static final Duration SESSION_LIFETIME = Duration.ofDays(30);
    static final int MAX_LOGIN = 320;
    static final int MAX_PASSWORD = 1024;

    private static final String BAD_CREDENTIALS = "Invalid username, e-mail address or password.";

    private final Vertx vertx;
    private final Db db;
    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final PasswordHasher hasher;
    private final SecretTokens secrets;
    private final Clock clock;
    /** A hash of a random password, verified for unknown logins so they take as long as known ones. */
    private final AtomicReference<String> dummyHash = new AtomicReference<>();

    public SignInService(Vertx vertx, Db db, AccountRepository accounts, SessionRepository sessions,
            PasswordHasher hasher, SecretTokens secrets, Clock clock) {
        this.vertx = vertx;
        this.db = db;
        this.accounts = accounts;
        this.sessions = sessions;
        this.hasher = hasher;
        this.secrets = secrets;
        this.clock = clock;
    }

    private record Candidate(Account account, LocalUser user) {
    }

    private record Checked(Candidate candidate, boolean passwordOk, String rehash) {
    }

    /**
     * A sign-in looked up but not yet checked: which local account the login names, if any. Cheap
     * (at most one read, no hashing), so that rate limits can be asked between the two steps.
     */
    public static final class Attempt {
        private final String login;
        private final String password;
        private final boolean wellFormed;
        private final Optional<Candidate> candidate;

        private Attempt(String login, String password, boolean wellFormed, Optional<Candidate> candidate) {
            this.login = login;
            this.password = password;
            this.wellFormed = wellFormed;
            this.candidate = candidate;
        }

        /** The login as given, stripped and in lower case (usernames and e-mail addresses ignore case). */
        public String login() {
            return login;
        }

        /** False when the input is refused at once (empty or overlong): nothing will be hashed. */
        public boolean checksPassword() {
            return wellFormed;
        }

        /** The local account the login names, when there is one. */
        public Optional<Long> accountId() {
            return candidate.map(c -> c.account().id());
        }

        @Override
        public String toString() {
            return "Attempt[login=" + login + "]";
        }
    }

    /**
     * Signing in with a username (or e-mail address) and password, step one: finds the account
     * the login names, without hashing anything, so that rate limits can be asked before step two.
     */
    public Future<Attempt> prepare(String login, String password) {
        String name = login == null ? "" : login.strip();
        String pw = password == null ? "" : password;
        String key = name.toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.length() > MAX_LOGIN || pw.isEmpty() || pw.length() > MAX_PASSWORD) {
            return Future.succeededFuture(new Attempt(key, pw, false, Optional.empty()));
        }
        return db.read(dsl -> new Attempt(key, pw, true, find(dsl, name)));
    }

    /**
     * Step two: verifies the password (Argon2id, on a worker) and records the sign-in. Fails with a
     * {@link ClientError}: 401 for wrong credentials (the same message whether the account exists
     * or not), 403 for a disabled or not yet approved account, told only after the password was right.
     */
    public Future<Account> complete(Attempt attempt) {
        if (!attempt.wellFormed) {
            return Future.failedFuture(new ClientError(401, BAD_CREDENTIALS));
        }
        return vertx.executeBlocking(() -> verify(attempt.candidate, attempt.password), false)
                .compose(checked -> {
                    if (!checked.passwordOk()) {
                        return Future.failedFuture(new ClientError(401, BAD_CREDENTIALS));
                    }
                    LocalUser user = checked.candidate().user();
                    if (user.disabled()) {
                        return Future.failedFuture(new ClientError(403,
                                "Your account is disabled. Contact the administrators of this server."));
                    }
                    if (!user.approved()) {
                        return Future.failedFuture(new ClientError(403, "Your account is waiting for approval"
                                + " by the administrators of this server. You can sign in once it is approved."));
                    }
                    Account account = checked.candidate().account();
                    return db.tx(dsl -> {
                        accounts.recordSignIn(dsl, account.id(), checked.rehash());
                        return account;
                    });
                });
    }

    /**
     * The account whose username or e-mail address is {@code login}, in any letter case, and
     * nothing else. MariaDB's collation also matches accented, full-width and combining-mark
     * spellings ("alicé", "ａｌｉｃｅ"); each would be a fresh count for the per-account sign-in
     * limit, so what the database finds is checked again here.
     */
    private Optional<Candidate> find(DSLContext dsl, String login) {
        String wanted = login.toLowerCase(Locale.ROOT);
        boolean byEmail = login.contains("@");
        Optional<LocalUser> user = byEmail
                ? accounts.findLocalUserByEmail(dsl, login)
                        .filter(u -> u.email() != null && u.email().toLowerCase(Locale.ROOT).equals(wanted))
                : accounts.findByUsername(dsl, wanted, "")
                        .filter(a -> a.username().toLowerCase(Locale.ROOT).equals(wanted))
                        .flatMap(a -> accounts.findLocalUser(dsl, a.id()));
        return user.flatMap(u -> accounts.findById(dsl, u.accountId()).map(a -> new Candidate(a, u)));
    }

    /** CPU-heavy (Argon2id): runs on a worker, never the event loop. */
    private Checked verify(Optional<Candidate> found, String password) {
        if (found.isEmpty() || found.get().user().passwordHash() == null) {
            hasher.verify(password, dummyHash());
            return new Checked(null, false, null);
        }
        String hash = found.get().user().passwordHash();
        boolean ok = hasher.verify(password, hash);
        String rehash = ok && hasher.needsRehash(hash) ? hasher.hash(password) : null;
        return new Checked(found.get(), ok, rehash);
    }

    private String dummyHash() {
        String h = dummyHash.get();
        if (h == null) {
            dummyHash.compareAndSet(null, hasher.hash(secrets.newToken()));
            h = dummyHash.get();
        }
        return h;
    }

    /** Starts a session for a signed-in account; returns the cookie value (its hash is stored). */
    public Future<String> startSession(long accountId) {
        String token = secrets.newToken();
        return db.tx(dsl -> {
            sessions.deleteExpired(dsl);
            sessions.insert(dsl, SecretTokens.hash(token), accountId, clock.instant().plus(SESSION_LIFETIME));
            return token;
        });
    }

    /** The account of a live session, if it may still sign in (not disabled, approved). */
    public Future<Optional<Account>> sessionAccount(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 128) {
            return Future.succeededFuture(Optional.empty());
        }
        String hash = SecretTokens.hash(cookieValue);
        return db.read(dsl -> sessions.findAccountId(dsl, hash)
                .flatMap(id -> accounts.findLocalUser(dsl, id))
                .filter(u -> u.approved() && !u.disabled())
                .flatMap(u -> accounts.findById(dsl, u.accountId())));
    }

    /** Ends the session everywhere; ending an unknown session is not an error. */
    public Future<Void> endSession(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 128) {
            return Future.succeededFuture();
        }
        String hash = SecretTokens.hash(cookieValue);
        return db.tx(dsl -> sessions.delete(dsl, hash)).mapEmpty();
    }
}
