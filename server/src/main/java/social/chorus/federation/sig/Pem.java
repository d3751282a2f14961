package social.chorus.federation.sig;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM for actor keys. We write SPKI ({@code PUBLIC KEY}) and PKCS#8 ({@code PRIVATE KEY}), which
 * is what actor documents carry; we also read PKCS#1 ({@code RSA PUBLIC KEY}, published by some
 * servers) and {@code RSA PRIVATE KEY} (Mastodon's storage format, for imports).
 */
public final class Pem {
    private static final String PUBLIC = "PUBLIC KEY";
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String RSA_PUBLIC = "RSA PUBLIC KEY";
    private static final String RSA_PRIVATE = "RSA PRIVATE KEY";

    private Pem() {}

    public static String encodePublic(PublicKey key) {
        requireFormat(key.getFormat(), "X.509");
        return write(PUBLIC, key.getEncoded());
    }

    public static String encodePrivate(PrivateKey key) {
        requireFormat(key.getFormat(), "PKCS#8");
        return write(PRIVATE, key.getEncoded());
    }

    /** Reads the first public key block (RSA or Ed25519 SPKI, or PKCS#1 RSA) in the text. */
    public static PublicKey decodePublic(String pem) {
        PemObject block = read(pem);
        try {
            switch (block.getType()) {
                case PUBLIC:
                    return publicFromSpki(block.getContent());
                case RSA_PUBLIC:
                    RSAPublicKey rsa = RSAPublicKey.getInstance(block.getContent());
                    return KeyFactory.getInstance("RSA")
                            .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
                default:
                    throw new KeyFormatException("not a public key PEM block: " + block.getType());
            }
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            throw e instanceof KeyFormatException k ? k : new KeyFormatException("unreadable public key", e);
        }
    }

    /** Reads a PKCS#8 (RSA or Ed25519) or PKCS#1 RSA private key. */
    public static PrivateKey decodePrivate(String pem) {
        PemObject block = read(pem);
        try {
            switch (block.getType()) {
                case PRIVATE:
                    return privateFromPkcs8(block.getContent());
                case RSA_PRIVATE:
                    RSAPrivateKey k = RSAPrivateKey.getInstance(block.getContent());
                    return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(k.getModulus(),
                            k.getPublicExponent(), k.getPrivateExponent(), k.getPrime1(), k.getPrime2(),
                            k.getExponent1(), k.getExponent2(), k.getCoefficient()));
                default:
                    throw new KeyFormatException("not a private key PEM block: " + block.getType());
            }
        } catch (GeneralSecurityException | IOException | IllegalArgumentException | IllegalStateException e) {
            throw e instanceof KeyFormatException k ? k : new KeyFormatException("unreadable private key", e);
        }
    }

    private static PublicKey publicFromSpki(byte[] der) throws GeneralSecurityException {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(der);
        var oid = spki.getAlgorithm().getAlgorithm();
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return Ed25519Keys.publicFromRaw(spki.getPublicKeyData().getOctets());
        }
        throw new KeyFormatException("unsupported public key algorithm " + oid.getId());
    }

    private static PrivateKey privateFromPkcs8(byte[] der) throws GeneralSecurityException, IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
        var oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            // Rebuilt from the seed: OpenSSL may write PKCS#8 v2 (with the public key attached),
            // which the JDK's Ed25519 KeyFactory does not always accept.
            return Ed25519Keys.privateFromSeed(
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets());
        }
        throw new KeyFormatException("unsupported private key algorithm " + oid.getId());
    }

    private static PemObject read(String pem) {
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject block = reader.readPemObject();
            if (block == null) {
                throw new KeyFormatException("no PEM block found");
            }
            return block;
        } catch (IOException | IllegalArgumentException e) {
            throw e instanceof KeyFormatException k ? k : new KeyFormatException("malformed PEM", e);
        }
    }

    private static String write(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException("writing to a StringWriter cannot fail", e);
        }
        return out.toString();
    }

    private static void requireFormat(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new KeyFormatException("expected a " + expected + " encoded key, got " + actual);
        }
    }
}
