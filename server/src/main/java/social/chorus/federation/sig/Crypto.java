package social.chorus.federation.sig;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The two signature primitives. RSA goes through the JDK (fast, constant-time, no provider to
 * register); Ed25519 through BouncyCastle's lightweight API, which measured faster than the JDK's
 * implementation on Java 17 and needs no provider either (see STACK.md).
 */
final class Crypto {
    private static final String RSA_SHA256 = "SHA256withRSA";

    private Crypto() {}

    static byte[] sign(PrivateKey key, byte[] data) {
        KeyType type = KeyType.of(key)
                .orElseThrow(() -> new KeyFormatException("cannot sign with a " + key.getAlgorithm() + " key"));
        if (type == KeyType.ED25519) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, Ed25519Keys.bcPrivate(key));
            signer.update(data, 0, data.length);
            return signer.generateSignature();
        }
        try {
            Signature s = Signature.getInstance(RSA_SHA256);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA signing failed", e);
        }
    }

    /** False for any mismatch, including a signature of the wrong length for the key. */
    static boolean verify(KeyType type, PublicKey key, byte[] data, byte[] signature) {
        if (type == KeyType.ED25519) {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, Ed25519Keys.bcPublic(key));
            verifier.update(data, 0, data.length);
            return verifier.verifySignature(signature);
        }
        try {
            Signature s = Signature.getInstance(RSA_SHA256);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
