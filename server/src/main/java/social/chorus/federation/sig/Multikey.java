package social.chorus.federation.sig;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * FEP-521a {@code publicKeyMultibase}: 'z' + base58btc(multicodec prefix + key). Ed25519 uses the
 * ed25519-pub code 0xed (varint {@code 0xed 0x01}) and the 32 raw bytes; RSA, which a few servers
 * also publish this way, uses rsa-pub 0x1205 (varint {@code 0x85 0x24}) and the PKCS#1 DER.
 */
public final class Multikey {
    private static final byte[] ED25519_PREFIX = {(byte) 0xed, 0x01};
    private static final byte[] RSA_PREFIX = {(byte) 0x85, 0x24};

    private Multikey() {}

    public static String encode(PublicKey key) {
        KeyType type = KeyType.of(key).orElseThrow(
                () -> new KeyFormatException("no Multikey encoding for " + key.getAlgorithm() + " keys"));
        byte[] body = type == KeyType.ED25519 ? Ed25519Keys.rawPublic(key)
                : SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getOctets();
        byte[] prefix = type == KeyType.ED25519 ? ED25519_PREFIX : RSA_PREFIX;
        byte[] all = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        return "z" + Base58.encode(all);
    }

    public static PublicKey decode(String multibase) {
        if (multibase == null || multibase.length() < 2 || multibase.charAt(0) != 'z') {
            throw new KeyFormatException("publicKeyMultibase must be base58btc ('z' prefix)");
        }
        byte[] all = Base58.decode(multibase.substring(1));
        if (startsWith(all, ED25519_PREFIX)) {
            byte[] raw = Arrays.copyOfRange(all, ED25519_PREFIX.length, all.length);
            return Ed25519Keys.publicFromRaw(raw);
        }
        if (startsWith(all, RSA_PREFIX)) {
            try {
                RSAPublicKey rsa = RSAPublicKey.getInstance(Arrays.copyOfRange(all, RSA_PREFIX.length, all.length));
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new KeyFormatException("invalid RSA Multikey", e);
            }
        }
        throw new KeyFormatException("unsupported Multikey type (only Ed25519 and RSA)");
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
