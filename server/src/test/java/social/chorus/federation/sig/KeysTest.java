package social.chorus.federation.sig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static social.chorus.federation.sig.SigFixtures.resource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;

/** Key generation, PEM and FEP-521a Multikey. */
class KeysTest {
    private final Keys keys = new Keys();

    @Test
    void rsaKeysAre2048BitsAndSurvivePem() {
        KeyPair pair = keys.generateRsa();
        assertThat(((RSAPublicKey) pair.getPublic()).getModulus().bitLength()).isEqualTo(2048);

        String publicPem = Pem.encodePublic(pair.getPublic());
        String privatePem = Pem.encodePrivate(pair.getPrivate());
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Pem.decodePublic(publicPem)).isEqualTo(pair.getPublic());
        assertThat(Pem.decodePrivate(privatePem)).isEqualTo(pair.getPrivate());
    }

    @Test
    void ed25519KeysSurvivePemAndSign() {
        KeyPair pair = keys.generateEd25519();
        assertThat(KeyType.of(pair.getPublic())).contains(KeyType.ED25519);
        assertThat(KeyType.of(pair.getPrivate())).contains(KeyType.ED25519);

        PublicKey pub = Pem.decodePublic(Pem.encodePublic(pair.getPublic()));
        PrivateKey priv = Pem.decodePrivate(Pem.encodePrivate(pair.getPrivate()));
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        assertThat(Crypto.verify(KeyType.ED25519, pub, data, Crypto.sign(priv, data))).isTrue();
        assertThat(Crypto.verify(KeyType.ED25519, pub, "hellO".getBytes(StandardCharsets.UTF_8),
                Crypto.sign(priv, data))).isFalse();
    }

    @Test
    void rfcEd25519PrivateKeyMatchesItsPublicKey() {
        PrivateKey priv = Pem.decodePrivate(resource("rfc9421-test-key-ed25519.key.pem"));
        PublicKey pub = Pem.decodePublic(resource("rfc9421-test-key-ed25519.pem"));
        byte[] data = {1, 2, 3};
        assertThat(Crypto.verify(KeyType.ED25519, pub, data, Crypto.sign(priv, data))).isTrue();
    }

    @Test
    void readsPkcs1RsaPublicAndPrivateKeys() {
        assertThat(Pem.decodePublic(resource("rfc9421-test-key-rsa.pem"))).isInstanceOf(RSAPublicKey.class);

        // Mastodon stores private keys as PKCS#1 "RSA PRIVATE KEY"; an import must read them.
        PrivateKey pkcs8 = SigFixtures.bobPrivate();
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo info =
                org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(pkcs8.getEncoded());
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(rawPkcs1(info))
                + "\n-----END RSA PRIVATE KEY-----\n";
        assertThat(Pem.decodePrivate(pkcs1)).isEqualTo(pkcs8);
    }

    private static byte[] rawPkcs1(org.bouncycastle.asn1.pkcs.PrivateKeyInfo info) {
        try {
            return info.parsePrivateKey().toASN1Primitive().getEncoded();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void badPemIsAKeyFormatException() {
        assertThatThrownBy(() -> Pem.decodePublic("not a key")).isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> Pem.decodePublic("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))
                .isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> Pem.decodePublic(resource("mastodon-bob.key.pem")))
                .isInstanceOf(KeyFormatException.class).hasMessageContaining("PRIVATE KEY");
    }

    @Test
    void ed25519MultikeyIsZ6MkAndRoundTrips() {
        KeyPair pair = keys.generateEd25519();
        String multibase = Multikey.encode(pair.getPublic());
        assertThat(multibase).startsWith("z6Mk").hasSize(48);
        assertThat(Multikey.decode(multibase)).isEqualTo(pair.getPublic());
    }

    @Test
    void multikeyOfTheRfcTestKeyIsTheRawKeyWithTheEd25519Prefix() {
        PublicKey pub = Pem.decodePublic(resource("rfc9421-test-key-ed25519.pem"));
        byte[] decoded = Base58.decode(Multikey.encode(pub).substring(1));
        assertThat(decoded).hasSize(34);
        assertThat(decoded[0]).isEqualTo((byte) 0xed);
        assertThat(decoded[1]).isEqualTo((byte) 0x01);
        assertThat(java.util.Arrays.copyOfRange(decoded, 2, 34)).isEqualTo(Ed25519Keys.rawPublic(pub));
    }

    @Test
    void knownFep521aMultikeyDecodes() {
        // The example key of FEP-521a and the did:key specification.
        String example = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
        PublicKey key = Multikey.decode(example);
        assertThat(KeyType.of(key)).contains(KeyType.ED25519);
        assertThat(Multikey.encode(key)).isEqualTo(example);
    }

    @Test
    void rsaMultikeyRoundTrips() {
        PublicKey rsa = SigFixtures.bobPublic();
        assertThat(Multikey.decode(Multikey.encode(rsa))).isEqualTo(rsa);
    }

    @Test
    void badMultikeys() {
        assertThatThrownBy(() -> Multikey.decode("u6MkAAAA")).isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> Multikey.decode("z0OIl")).isInstanceOf(KeyFormatException.class);
        assertThatThrownBy(() -> Multikey.decode("z" + Base58.encode(new byte[] {(byte) 0xed, 0x01, 1, 2})))
                .isInstanceOf(KeyFormatException.class);
    }

    @Test
    void base58KeepsLeadingZeros() {
        byte[] data = {0, 0, 1, 2, (byte) 0xff};
        assertThat(Base58.encode(data)).startsWith("11");
        assertThat(Base58.decode(Base58.encode(data))).isEqualTo(data);
        assertThat(Base58.encode("hello world".getBytes(StandardCharsets.US_ASCII))).isEqualTo("StV1DL6CwTryKyV");
    }

    @Test
    void signingKeyRejectsKeyIdsThatWouldBreakTheHeader() {
        PrivateKey priv = keys.generateEd25519().getPrivate();
        assertThatThrownBy(() -> new SigningKey("https://a.example/x\"", priv))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
