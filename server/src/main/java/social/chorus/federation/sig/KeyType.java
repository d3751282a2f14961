package social.chorus.federation.sig;

import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.util.Optional;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** The two key types the fediverse signs with. */
public enum KeyType {
    RSA,
    ED25519;

    /**
     * Classifies a key by its encoding rather than its Java class, so keys from the JDK, from a
     * BouncyCastle provider or from anywhere else are treated alike. Ed448 and EC keys are empty.
     */
    public static Optional<KeyType> of(Key key) {
        if (key instanceof RSAKey || "RSA".equals(key.getAlgorithm())) {
            return Optional.of(RSA);
        }
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            return Optional.empty();
        }
        try {
            if (key instanceof PublicKey) {
                SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(encoded);
                return spki.getAlgorithm().getAlgorithm().equals(EdECObjectIdentifiers.id_Ed25519)
                        ? Optional.of(ED25519) : Optional.empty();
            }
            if (key instanceof PrivateKey) {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(encoded);
                return info.getPrivateKeyAlgorithm().getAlgorithm().equals(EdECObjectIdentifiers.id_Ed25519)
                        ? Optional.of(ED25519) : Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
