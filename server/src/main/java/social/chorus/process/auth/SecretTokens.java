package social.chorus.process.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer secrets (client ids and secrets, access and refresh tokens, codes, session cookies): 32
 * random bytes in base64url. Only their SHA-256 is stored. A fast hash is enough because the
 * secrets have 256 bits of entropy: there is nothing to guess, unlike a password.
 */
public final class SecretTokens {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public SecretTokens(SecureRandom random) {
        this.random = random;
    }

    public String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return B64URL.encodeToString(bytes);
    }

    /** SHA-256 as 64 lower-case hex digits, the form stored in the database. */
    public static String hash(String secret) {
        return HexFormat.of().formatHex(sha256(secret));
    }

    /** SHA-256 in base64url without padding (PKCE's S256, RFC 7636 section 4.2). */
    public static String sha256Base64Url(String value) {
        return B64URL.encodeToString(sha256(value));
    }

    /** Compares in time that does not depend on where the strings differ. */
    public static boolean sameSecret(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
