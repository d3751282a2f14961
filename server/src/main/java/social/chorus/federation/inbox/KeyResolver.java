package social.chorus.federation.inbox;

import io.vertx.core.Future;
import java.util.Optional;
import social.chorus.model.Account;

/**
 * Finds the actor that owns a signature's keyId. Stored keys are used first (one database read
 * per delivery, no network); a key that fails to verify is fetched again once, because actors
 * rotate keys.
 */
public interface KeyResolver {
    /** The stored actor whose RSA or Ed25519 key has this id. */
    Future<Optional<Account>> stored(String keyId);

    /** Fetches the key's actor from its server (a signed GET), stores it and returns it. */
    Future<Account> refetch(String keyId);
}
