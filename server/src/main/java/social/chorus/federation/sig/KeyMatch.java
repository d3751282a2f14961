package social.chorus.federation.sig;

import java.security.PublicKey;
import java.util.Optional;

/** Decides which primitive checks a signature: the declared algorithm, or the key when it may decide. */
final class KeyMatch {
    private KeyMatch() {}

    static KeyType resolve(SignatureAlgorithm algorithm, PublicKey key) throws Rejection {
        Optional<KeyType> actual = KeyType.of(key);
        if (actual.isEmpty()) {
            throw new Rejection(FailureReason.KEY_TYPE_MISMATCH,
                    "key type " + key.getAlgorithm() + " is not supported (only RSA and Ed25519)");
        }
        Optional<KeyType> required = algorithm.requiredKeyType();
        if (required.isPresent() && required.get() != actual.get()) {
            throw new Rejection(FailureReason.KEY_TYPE_MISMATCH, "algorithm " + algorithm.wireName()
                    + " needs an " + required.get() + " key, but the key is " + actual.get());
        }
        return actual.get();
    }
}
