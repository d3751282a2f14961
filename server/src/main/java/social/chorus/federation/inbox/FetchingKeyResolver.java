package social.chorus.federation.inbox;

import io.vertx.core.Future;
import java.util.Optional;
import social.chorus.federation.deref.RemoteAccounts;
import social.chorus.federation.sig.KeyIds;
import social.chorus.model.Account;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;

/**
 * Keys from storage, or from the key owner's server: the keyId without its fragment is the actor
 * (Mastodon's {@code …#main-key}) or a document that names it, fetched with the instance actor's
 * signature and stored with the usual origin checks.
 */
public final class FetchingKeyResolver implements KeyResolver {
    private final Db db;
    private final AccountRepository accounts;
    private final RemoteAccounts remote;

    public FetchingKeyResolver(Db db, AccountRepository accounts, RemoteAccounts remote) {
        this.db = db;
        this.accounts = accounts;
        this.remote = remote;
    }

    @Override
    public Future<Optional<Account>> stored(String keyId) {
        return db.read(dsl -> accounts.findByKeyId(dsl, keyId));
    }

    @Override
    public Future<Account> refetch(String keyId) {
        Optional<String> url = KeyIds.fetchUrl(keyId).map(Object::toString);
        if (url.isEmpty()) {
            return Future.failedFuture(new IllegalArgumentException("keyId is not an http(s) URL"));
        }
        return remote.refresh(url.get()).compose(actor -> publishes(actor, keyId) ? Future.succeededFuture(actor)
                : Future.failedFuture(new IllegalStateException("actor " + actor.uri() + " does not publish key "
                        + keyId)));
    }

    private static boolean publishes(Account actor, String keyId) {
        return actor.publicKey() != null && keyId.equals(actor.publicKey().id())
                || actor.ed25519Key() != null && keyId.equals(actor.ed25519Key().id());
    }
}
