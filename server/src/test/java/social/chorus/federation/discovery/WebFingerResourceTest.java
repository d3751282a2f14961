package social.chorus.federation.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebFingerResourceTest {
    private static final String DOMAIN = "chorus.example";
    private static final String BASE = "https://chorus.example";

    private static WebFingerResource parse(String raw) {
        return WebFingerResource.parse(raw, DOMAIN, BASE);
    }

    @Test
    void acctForms() {
        WebFingerResource alice = new WebFingerResource.Acct("alice");
        assertThat(parse("acct:alice@chorus.example")).isEqualTo(alice);
        assertThat(parse("ACCT:Alice@Chorus.Example")).isEqualTo(alice);
        assertThat(parse("acct:@alice@chorus.example")).isEqualTo(alice);
        assertThat(parse("@alice@chorus.example")).isEqualTo(alice);
        assertThat(parse("  alice@chorus.example ")).isEqualTo(alice);
        assertThat(WebFingerResource.parse("acct:alice@localhost:8080", "localhost:8080", "http://localhost:8080"))
                .isEqualTo(alice);
    }

    @Test
    void urlsOfThisInstanceOnly() {
        assertThat(parse("https://chorus.example/users/alice"))
                .isEqualTo(new WebFingerResource.Url(BASE + "/users/alice"));
        assertThat(parse("https://CHORUS.example:443/@alice#x"))
                .isEqualTo(new WebFingerResource.Url(BASE + "/@alice"));
        assertThat(parse("http://chorus.example/users/alice")).isInstanceOf(WebFingerResource.NotHere.class);
        assertThat(parse("https://chorus.example:8443/users/alice")).isInstanceOf(WebFingerResource.NotHere.class);
        assertThat(parse("https://evil.example/users/alice")).isInstanceOf(WebFingerResource.NotHere.class);
        assertThat(parse("https://chorus.example/users/alice?x=1")).isInstanceOf(WebFingerResource.NotHere.class);
    }

    @Test
    void foreignOrImpossibleNamesAreNotHere() {
        assertThat(parse("acct:alice@elsewhere.example")).isInstanceOf(WebFingerResource.NotHere.class);
        assertThat(parse("acct:alice@chorus.example.evil")).isInstanceOf(WebFingerResource.NotHere.class);
        assertThat(parse("acct:al.ice@chorus.example")).isInstanceOf(WebFingerResource.NotHere.class);
        assertThat(parse("acct:" + "a".repeat(31) + "@chorus.example")).isInstanceOf(WebFingerResource.NotHere.class);
    }

    @Test
    void malformed() {
        for (String raw : new String[] {null, "", "   ", "alice", "acct:", "acct:alice", "acct:@chorus.example",
                "acct:alice@", "acct:a@b@chorus.example", "mailto:alice@chorus.example", "https://",
                "https://exa mple.com/", "x".repeat(3000)}) {
            assertThat(parse(raw)).as(String.valueOf(raw)).isInstanceOf(WebFingerResource.Malformed.class);
        }
    }
}
