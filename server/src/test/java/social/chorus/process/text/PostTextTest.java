package social.chorus.process.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Posts as typed to the HTML that is stored and published. */
class PostTextTest {
    private final PostText text = new PostText("https://chorus.example", "chorus.example");
    private final HtmlSanitizer sanitizer = new HtmlSanitizer();
    private final Map<String, PostText.MentionTarget> known = Map.of(
            "alice@", new PostText.MentionTarget("alice", "https://chorus.example/@alice"),
            "bob@remote.example", new PostText.MentionTarget("bob", "https://remote.example/@bob"));

    private String html(String t) {
        String out = text.render(t, known);
        assertThat(sanitizer.sanitize(out)).as("sanitizer keeps our own HTML unchanged").isEqualTo(out);
        return out;
    }

    @Test
    void hostileHtmlIsEscapedAndParagraphsKept() {
        assertThat(html("<script>alert('x')</script> & \"q\"\n\nsecond\nline"))
                .isEqualTo("<p>&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"q\"</p><p>second<br>line</p>");
    }

    @Test
    void linksBecomeClickableWithoutTrailingPunctuation() {
        assertThat(html("see https://example.org/a?b=1&c=2. and http://x.example/(y)"))
                .isEqualTo("<p>see <a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer\""
                        + " target=\"_blank\">https://example.org/a?b=1&amp;c=2</a>. and <a href=\"http://x.example/(y)\""
                        + " rel=\"nofollow noopener noreferrer\" target=\"_blank\">http://x.example/(y)</a></p>");
        assertThat(html("javascript:alert(1) ftp://x")).doesNotContain("<a");
    }

    @Test
    void knownMentionsAreLinkedUnknownStayText() {
        String out = html("hi @alice and @Bob@remote.example and @carol@unknown.example, @alice@chorus.example");
        assertThat(out).contains("<span class=\"h-card\"><a href=\"https://chorus.example/@alice\" class=\"u-url mention\""
                + " rel=\"nofollow noopener noreferrer\" target=\"_blank\">@<span>alice</span></a></span>");
        assertThat(out).contains("<a href=\"https://remote.example/@bob\" class=\"u-url mention\"");
        assertThat(out).contains(" and @carol@unknown.example, ");
        assertThat(out.split("u-url mention", -1)).hasSize(4);
        PostText.Scan scan = text.scan("hi @alice and @Bob@remote.example @alice@chorus.example");
        assertThat(scan.mentions()).containsExactly(new PostText.MentionRef("alice", null),
                new PostText.MentionRef("Bob", "remote.example"));
        assertThat(text.scan("mail me at a@b.example").mentions()).isEmpty();
    }

    @Test
    void hashtagsAreLinkedAndStoredLowerCase() {
        String out = html("Hello #Fediverse and #日本 but not #123 or https://x.example/#frag");
        assertThat(out).contains("<a href=\"https://chorus.example/tags/fediverse\" class=\"mention hashtag\""
                + " rel=\"tag nofollow noopener noreferrer\" target=\"_blank\">#<span>Fediverse</span></a>");
        assertThat(out).contains("#123");
        assertThat(text.scan("Hello #Fediverse #fediverse #日本 #123 https://x.example/#frag").tags())
                .containsExactly("fediverse", "日本");
    }

    @Test
    void lengthCountsLinksAs23AndRemoteMentionsAsTheUser() {
        assertThat(PostText.countedLength("abc")).isEqualTo(3);
        assertThat(PostText.countedLength("https://example.org/" + "a".repeat(200))).isEqualTo(23);
        assertThat(PostText.countedLength("x https://e.org.")).isEqualTo(2 + 23 + 1);
        assertThat(PostText.countedLength("@bob@remote.example hi")).isEqualTo(4 + 3);
        assertThat(PostText.countedLength("😀")).isEqualTo(1);
    }
}
