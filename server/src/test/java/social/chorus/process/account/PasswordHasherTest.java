package social.chorus.process.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.Cost.DEFAULT, new SecureRandom());

    @Test
    void hashesVerifyAndAreSaltedPerCall() {
        String a = hasher.hash("correct horse battery staple");
        String b = hasher.hash("correct horse battery staple");
        assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b);
        assertThat(hasher.verify("correct horse battery staple", a)).isTrue();
        assertThat(hasher.verify("correct horse battery staplE", a)).isFalse();
        assertThat(hasher.verify("", a)).isFalse();
        assertThat(hasher.verify("ünïcödé 🎶 pässwörd", hasher.hash("ünïcödé 🎶 pässwörd"))).isTrue();
    }

    @Test
    void garbageAndTamperedHashesNeverVerify() {
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify("x", "")).isFalse();
        assertThat(hasher.verify("x", "$2a$10$abcdefghijklmnopqrstuv")).isFalse(); // bcrypt
        assertThat(hasher.verify("x", "$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHQ$aGFzaA")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$m=19456,t=2,p=1$!!!$aGFzaA")).isFalse();
    }

    @Test
    void matchesTheArgon2idReferenceVector() {
        // RFC 9106 §5.3 (Argon2id, 32 KiB, t=3, p=4, with secret and associated data) checks the
        // primitive we build on; our encoding is then only base64 around it.
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(32).withIterations(3).withParallelism(4)
                .withSalt(filled(16, 0x02)).withSecret(filled(8, 0x03)).withAdditional(filled(12, 0x04))
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] tag = new byte[32];
        generator.generateBytes(filled(32, 0x01), tag);
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void weakerParametersAskForARehash() {
        PasswordHasher cheap = new PasswordHasher(new PasswordHasher.Cost(1024, 1, 1), new SecureRandom());
        String old = cheap.hash("pw12345678");
        assertThat(hasher.verify("pw12345678", old)).isTrue();
        assertThat(hasher.needsRehash(old)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("pw12345678"))).isFalse();
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }
}
