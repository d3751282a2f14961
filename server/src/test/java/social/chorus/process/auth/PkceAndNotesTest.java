package social.chorus.process.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import social.chorus.storage.OAuthRepository.CodeRow;
import social.chorus.process.text.PlainText;

class PkceAndNotesTest {
    /** RFC 7636 appendix B. */
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private static CodeRow code(String challenge, String method) {
        return new CodeRow(1, 1, 1, "urn:ietf:wg:oauth:2.0:oob", "read", challenge, method,
                Instant.now().plusSeconds(600), null, null);
    }

    @Test
    void s256MatchesTheRfcVector() {
        assertThat(SecretTokens.sha256Base64Url(VERIFIER)).isEqualTo(CHALLENGE);
        assertThat(TokenService.pkceSatisfied(code(CHALLENGE, "S256"), VERIFIER)).isTrue();
        assertThat(TokenService.pkceSatisfied(code(CHALLENGE, "S256"), VERIFIER.replace('d', 'e'))).isFalse();
        assertThat(TokenService.pkceSatisfied(code(CHALLENGE, "S256"), null)).isFalse();
        // Sending the challenge itself as the verifier is not a plain-method downgrade.
        assertThat(TokenService.pkceSatisfied(code(CHALLENGE, "S256"), CHALLENGE)).isFalse();
    }

    @Test
    void plainOnlyWhenTheClientAskedForPlain() {
        assertThat(TokenService.pkceSatisfied(code(VERIFIER, "plain"), VERIFIER)).isTrue();
        assertThat(TokenService.pkceSatisfied(code(VERIFIER, "plain"), CHALLENGE)).isFalse();
    }

    @Test
    void verifiersAreCheckedForShapeAndRefusedWithoutAChallenge() {
        assertThat(TokenService.pkceSatisfied(code("short", "plain"), "short")).isFalse();
        assertThat(TokenService.pkceSatisfied(code(null, null), null)).isTrue();
        assertThat(TokenService.pkceSatisfied(code(null, null), VERIFIER)).isFalse();
    }

    @Test
    void notesRoundTripBetweenPlainTextAndEscapedHtml() {
        String plain = "Line one & <b>two</b>\nnext line\n\nSecond \"para\"";
        String html = PlainText.toHtml(plain);
        assertThat(html).isEqualTo("<p>Line one &amp; &lt;b&gt;two&lt;/b&gt;<br>next line</p><p>Second &quot;para&quot;</p>");
        assertThat(PlainText.toPlain(html)).isEqualTo(plain);
        assertThat(PlainText.toHtml("  ")).isEmpty();
        assertThat(PlainText.toPlain(null)).isEmpty();
    }

    @Test
    void secretsAreLongRandomAndHashedToHex() {
        SecretTokens tokens = new SecretTokens(new java.security.SecureRandom());
        String a = tokens.newToken();
        assertThat(a).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(tokens.newToken());
        assertThat(SecretTokens.hash(a)).hasSize(64).matches("[0-9a-f]+");
        assertThat(SecretTokens.sameSecret("x", "x")).isTrue();
        assertThat(SecretTokens.sameSecret("x", null)).isFalse();
    }
}
