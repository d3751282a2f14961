package social.chorus.federation.sig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RFC 8941 subset RFC 9421 relies on; serialisation must be canonical. */
class StructuredFieldsTest {
    @Test
    void parsesASignatureInputAndReserialisesIt() {
        String input = "sig1=(\"@method\" \"@target-uri\");created=1618884473;keyid=\"k \\\"q\\\"\";alg=\"ed25519\"";
        Map<String, Sf.Member> dict = SfParser.dictionary(input);
        Sf.InnerList list = (Sf.InnerList) dict.get("sig1");
        assertThat(list.items()).extracting(Sf.Item::value).containsExactly("@method", "@target-uri");
        assertThat(list.params()).containsEntry("created", 1618884473L).containsEntry("keyid", "k \"q\"");
        assertThat(Sf.serializeDictionary(dict)).isEqualTo(input);
    }

    @Test
    void parsesByteSequencesTokensBooleansAndWhitespace() {
        Map<String, Sf.Member> dict = SfParser.dictionary("  a=:AQID:,b=tok/en;x ,  c, d=?0");
        assertThat(((Sf.Bytes) ((Sf.Item) dict.get("a")).value()).value()).containsExactly(1, 2, 3);
        assertThat(((Sf.Item) dict.get("b")).value()).isEqualTo(new Sf.Token("tok/en"));
        assertThat(((Sf.Item) dict.get("b")).params()).containsEntry("x", Boolean.TRUE);
        assertThat(((Sf.Item) dict.get("c")).value()).isEqualTo(Boolean.TRUE);
        assertThat(Sf.serializeDictionary(dict)).isEqualTo("a=:AQID:, b=tok/en;x, c, d=?0");
    }

    @Test
    void canonicalisesLooseSpacingInsideInnerLists() {
        Sf.Member m = SfParser.dictionary("s=(  \"a\"   \"b\" );created=1").get("s");
        assertThat(Sf.serialize(m)).isEqualTo("(\"a\" \"b\");created=1");
    }

    @Test
    void numbersFollowTheRfc8941Limits() {
        assertThat(((Sf.Item) SfParser.dictionary("n=-123456789012345").get("n")).value()).isEqualTo(-123456789012345L);
        assertThat(Sf.serializeDictionary(SfParser.dictionary("d=1.50"))).isEqualTo("d=1.5");
        for (String bad : new String[] {"n=1234567890123456", "d=1.", "d=1.2345", "d=1234567890123.1", "n=-"}) {
            assertThatThrownBy(() -> SfParser.dictionary(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rejectsInvalidInput() {
        for (String bad : new String[] {"A=1", "a=(\"x\"", "a=\"unterminated", "a=1,", "a=:not base64!:",
                "a=\"tab\there\"", "a=1 b=2", "a=\"\\n\""}) {
            assertThatThrownBy(() -> SfParser.dictionary(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
