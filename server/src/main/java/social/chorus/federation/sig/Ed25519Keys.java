package social.chorus.federation.sig;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Moves Ed25519 keys between raw 32-byte form (Multikey, BouncyCastle's lightweight signer) and
 * {@code java.security} key objects (the JDK's own Ed25519 KeyFactory, so no provider has to be
 * registered). The DER prefixes are fixed by RFC 8410 for this one algorithm.
 */
final class Ed25519Keys {
    static final int KEY_LENGTH = 32;

    /** SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (33 bytes: 0 unused bits + key) }. */
    private static final byte[] SPKI_PREFIX = hex("302a300506032b6570032100");
    /** PKCS#8 v1: SEQUENCE { INTEGER 0, SEQUENCE { OID }, OCTET STRING { OCTET STRING (32) } }. */
    private static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");

    private Ed25519Keys() {}

    static PublicKey publicFromRaw(byte[] raw) {
        requireLength(raw);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, raw)));
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException("invalid Ed25519 public key", e);
        }
    }

    static PrivateKey privateFromSeed(byte[] seed) {
        requireLength(seed);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
        } catch (GeneralSecurityException e) {
            throw new KeyFormatException("invalid Ed25519 private key", e);
        }
    }

    static byte[] rawPublic(PublicKey key) {
        requireEd25519(key);
        return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getOctets();
    }

    static byte[] seed(PrivateKey key) {
        requireEd25519(key);
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            return ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        } catch (java.io.IOException e) {
            throw new KeyFormatException("unreadable Ed25519 private key", e);
        }
    }

    static Ed25519PublicKeyParameters bcPublic(PublicKey key) {
        return new Ed25519PublicKeyParameters(rawPublic(key), 0);
    }

    static Ed25519PrivateKeyParameters bcPrivate(PrivateKey key) {
        return new Ed25519PrivateKeyParameters(seed(key), 0);
    }

    private static void requireEd25519(java.security.Key key) {
        if (KeyType.of(key).orElse(null) != KeyType.ED25519) {
            throw new KeyFormatException("not an Ed25519 key: " + key.getAlgorithm());
        }
    }

    private static void requireLength(byte[] raw) {
        if (raw.length != KEY_LENGTH) {
            throw new KeyFormatException("an Ed25519 key is 32 bytes, got " + raw.length);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
