package social.chorus.federation.sig;

import java.util.Optional;

/** The algorithm a signature names on the wire. */
public enum SignatureAlgorithm {
    /** cavage {@code rsa-sha256}: RSASSA-PKCS1-v1_5 with SHA-256. */
    RSA_SHA256(SignatureStyle.CAVAGE, "rsa-sha256"),
    /** cavage {@code hs2019}, or no algorithm at all: the key decides. */
    HS2019(SignatureStyle.CAVAGE, "hs2019"),
    /** RFC 9421 {@code rsa-v1_5-sha256}. */
    RSA_V1_5_SHA256(SignatureStyle.RFC9421, "rsa-v1_5-sha256"),
    /** RFC 9421 {@code ed25519}. */
    ED25519(SignatureStyle.RFC9421, "ed25519"),
    /** RFC 9421 without an {@code alg} parameter: the key decides. */
    FROM_KEY(SignatureStyle.RFC9421, "");

    private final SignatureStyle style;
    private final String wireName;

    SignatureAlgorithm(SignatureStyle style, String wireName) {
        this.style = style;
        this.wireName = wireName;
    }

    public SignatureStyle style() {
        return style;
    }

    public String wireName() {
        return wireName;
    }

    /** Looks a wire name up within one style (names are case-insensitive in practice). */
    static Optional<SignatureAlgorithm> byWireName(SignatureStyle style, String name) {
        for (SignatureAlgorithm a : values()) {
            if (a.style == style && !a.wireName.isEmpty() && a.wireName.equalsIgnoreCase(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The one key type this algorithm demands, or empty when the key itself decides. */
    Optional<KeyType> requiredKeyType() {
        return switch (this) {
            case RSA_SHA256, RSA_V1_5_SHA256 -> Optional.of(KeyType.RSA);
            case ED25519 -> Optional.of(KeyType.ED25519);
            case HS2019, FROM_KEY -> Optional.empty();
        };
    }
}
