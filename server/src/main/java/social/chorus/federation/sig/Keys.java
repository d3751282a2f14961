package social.chorus.federation.sig;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Key generation for actors. An instance, so the randomness source is injected (tests can pass a
 * seeded one) instead of living in a static.
 */
public final class Keys {
    /** Mastodon and every other implementation accept 2048; larger keys slow every verification. */
    public static final int RSA_BITS = 2048;

    private final SecureRandom random;

    public Keys(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public Keys() {
        this(new SecureRandom());
    }

    /** RSA through the JDK: its generator is several times faster than BouncyCastle's. */
    public KeyPair generateRsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, random);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has RSA", e);
        }
    }

    /** Ed25519 through BouncyCastle, returned as plain JDK key objects. */
    public KeyPair generateEd25519() {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        Ed25519PrivateKeyParameters priv = (Ed25519PrivateKeyParameters) pair.getPrivate();
        return new KeyPair(Ed25519Keys.publicFromRaw(priv.generatePublicKey().getEncoded()),
                Ed25519Keys.privateFromSeed(priv.getEncoded()));
    }
}
