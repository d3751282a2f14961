package social.chorus.process.auth;

import io.vertx.core.Future;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.ActorType;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;

/**
 * Finding accounts for the client API by id or by {@code acct}. Local accounts waiting for
 * approval are hidden (as on Mastodon), and so is the instance actor, which is not a person.
 * Remote accounts are found only when already stored; resolving unknown ones over the network
 * belongs to the federation layer.
 */
public final class AccountLookup {
    private final Db db;
    private final AccountRepository accounts;
    private final String localDomain;

    public AccountLookup(Db db, AccountRepository accounts, String localDomain) {
        this.db = db;
        this.accounts = accounts;
        this.localDomain = localDomain.toLowerCase(Locale.ROOT);
    }

    /** {@code user}, {@code @user}, {@code user@domain} or {@code @user@domain}. */
    public Future<Optional<Account>> byAcct(String acct) {
        String a = acct == null ? "" : acct.strip();
        if (a.startsWith("@")) {
            a = a.substring(1);
        }
        int at = a.indexOf('@');
        String username = at < 0 ? a : a.substring(0, at);
        String domain = at < 0 ? "" : a.substring(at + 1).toLowerCase(Locale.ROOT);
        if (domain.equals(localDomain)) {
            domain = "";
        }
        if (username.isEmpty() || username.length() > 255 || domain.length() > 253 || domain.contains("@")) {
            return Future.succeededFuture(Optional.empty());
        }
        String d = domain;
        return db.read(dsl -> accounts.findByUsername(dsl, username, d).filter(found -> visible(dsl, found)));
    }

    public Future<Optional<Account>> byId(long id) {
        return db.read(dsl -> accounts.findById(dsl, id).filter(found -> visible(dsl, found)));
    }

    private boolean visible(DSLContext dsl, Account account) {
        if (!account.local()) {
            return true;
        }
        if (account.type() == ActorType.APPLICATION) {
            return false;
        }
        return accounts.findLocalUser(dsl, account.id()).map(u -> u.approved()).orElse(true);
    }
}
