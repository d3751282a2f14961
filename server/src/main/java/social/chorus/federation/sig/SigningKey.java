package social.chorus.federation.sig;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * An actor's private key with the id remote servers will fetch it by.
 *
 * @param keyId e.g. {@code https://chorus.example/users/alice#main-key}
 */
public record SigningKey(String keyId, PrivateKey privateKey) {
    public SigningKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(privateKey, "privateKey");
        if (keyId.isEmpty() || keyId.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20 || c > 0x7e)) {
            // It goes inside a quoted header parameter that has no escaping in draft-cavage.
            throw new IllegalArgumentException("keyId must be printable ASCII without quotes or backslashes");
        }
        if (KeyType.of(privateKey).isEmpty()) {
            throw new IllegalArgumentException("only RSA and Ed25519 keys can sign, not " + privateKey.getAlgorithm());
        }
    }

    public KeyType keyType() {
        return KeyType.of(privateKey).orElseThrow();
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId + "]";
    }
}
