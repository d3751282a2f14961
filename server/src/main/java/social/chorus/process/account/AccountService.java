package social.chorus.process.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.exception.IntegrityConstraintViolationException;
import social.chorus.app.config.ChorusConfig.Registrations;
import social.chorus.federation.sig.Keys;
import social.chorus.model.Account;
import social.chorus.model.ActorType;
import social.chorus.model.LocalIds;
import social.chorus.model.LocalKeys;
import social.chorus.model.LocalUser;
import social.chorus.process.ClientError;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.AccountRepository.LocalAccount;
import social.chorus.storage.Db;
import social.chorus.process.text.PlainText;

/** Creating, listing and disabling local accounts. */
public final class AccountService {
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 1024;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final Vertx vertx;
    private final Db db;
    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final NewActor newActor;
    private final UsernamePolicy usernames = new UsernamePolicy();
    private final Registrations registrations;

    public AccountService(Vertx vertx, Db db, AccountRepository accounts, PasswordHasher hasher,
            Keys keys, LocalIds ids, Registrations registrations) {
        this.vertx = vertx;
        this.db = db;
        this.accounts = accounts;
        this.hasher = hasher;
        this.newActor = new NewActor(keys, ids);
        this.registrations = registrations;
    }

    /**
     * Validates, hashes the password and generates keys (off the event loop), then stores the
     * account, its keys and its sign-in row in one transaction.
     */
    public Future<Account> signUp(SignUp s) {
        if (s.origin() == SignUp.Origin.PUBLIC && registrations == Registrations.CLOSED) {
            return Future.failedFuture(new ClientError(403, "Registrations are closed on this instance"));
        }
        String username;
        String email;
        try {
            username = usernames.normalise(s.username());
            email = validEmail(s.email());
            validPassword(s.password());
        } catch (ClientError e) {
            return Future.failedFuture(e);
        }
        String displayName = s.displayName() == null ? "" : s.displayName().strip();
        if (displayName.length() > 100) {
            return Future.failedFuture(new ClientError(422, "Display name is longer than 100 characters"));
        }
        boolean approved = s.origin() == SignUp.Origin.OPERATOR || registrations == Registrations.OPEN;
        return vertx.executeBlocking(() -> {
            String hash = hasher.hash(s.password());
            NewActor.Built built = newActor.build(username, ActorType.PERSON, displayName,
                    PlainText.toHtml(s.bio()), false);
            return new AccountRepository.NewLocalAccount(built.account(), built.keys(),
                    new LocalUser(0, email, hash, s.role() == SignUp.Role.ADMIN, approved, false, null, null));
        }, false).compose(n -> db.tx(dsl -> {
            if (accounts.findByUsername(dsl, username, "").isPresent()) {
                throw new ClientError(422, "Username '" + username + "' is already taken");
            }
            if (accounts.emailTaken(dsl, email)) {
                throw new ClientError(422, "E-mail address is already in use");
            }
            return accounts.insertLocal(dsl, n);
        })).recover(e -> Future.failedFuture(e instanceof IntegrityConstraintViolationException
                // Two sign-ups raced past the checks above; the unique keys caught the second.
                ? new ClientError(422, "Username or e-mail address is already taken", e) : e));
    }

    public Future<Optional<Account>> findLocal(String username) {
        return db.read(dsl -> accounts.findByUsername(dsl, username.toLowerCase(Locale.ROOT), ""));
    }

    public Future<List<LocalAccount>> listLocal(int limit, int offset) {
        return db.read(dsl -> accounts.listLocal(dsl, limit, offset));
    }

    /** Disabled accounts cannot sign in; their actor stays, so remote servers do not see it vanish. */
    public Future<Account> setDisabled(String username, boolean disabled) {
        return db.tx(dsl -> {
            Account a = accounts.findByUsername(dsl, username, "")
                    .orElseThrow(() -> ClientError.notFound("Account '" + username + "'"));
            accounts.setDisabled(dsl, a.id(), disabled);
            return a;
        });
    }

    public Future<Account> approve(String username) {
        return db.tx(dsl -> {
            Account a = accounts.findByUsername(dsl, username, "")
                    .orElseThrow(() -> ClientError.notFound("Account '" + username + "'"));
            accounts.setApproved(dsl, a.id(), true);
            return a;
        });
    }

    public Future<Optional<LocalKeys>> keys(long accountId) {
        return db.read(dsl -> accounts.findLocalKeys(dsl, accountId));
    }

    private static String validEmail(String email) {
        String e = email == null ? "" : email.strip();
        if (e.length() > 255 || !EMAIL.matcher(e).matches()) {
            throw new ClientError(422, "E-mail address is not valid");
        }
        return e;
    }

    private static void validPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new ClientError(422, "Password must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.length() > MAX_PASSWORD) {
            throw new ClientError(422, "Password must be at most " + MAX_PASSWORD + " characters");
        }
    }
}
