package social.chorus.federation.deref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundUrlTest {

    @Test
    void normalisesHostPortAndFragment() {
        OutboundUrl u = OutboundUrl.parse("HTTPS://Mastodon.Example:443/users/Alice?a=1&b=%20#main-key");
        assertThat(u.uri().toString()).isEqualTo("https://mastodon.example/users/Alice?a=1&b=%20");
        assertThat(u.host()).isEqualTo("mastodon.example");
        assertThat(u.port()).isEqualTo(443);
        assertThat(u.authority()).isEqualTo("mastodon.example");
        assertThat(u.target()).isEqualTo("/users/Alice?a=1&b=%20");
        assertThat(u.https()).isTrue();
        assertThat(u.forLog()).isEqualTo("https://mastodon.example/users/Alice");
    }

    @Test
    void keepsNonDefaultPortsAndBracketsIpv6() {
        OutboundUrl u = OutboundUrl.parse("http://localhost:8080");
        assertThat(u.authority()).isEqualTo("localhost:8080");
        assertThat(u.port()).isEqualTo(8080);
        assertThat(u.target()).isEqualTo("/");
        OutboundUrl v6 = OutboundUrl.parse("https://[2001:DB8::1]:8443/x");
        assertThat(v6.host()).isEqualTo("2001:db8::1");
        assertThat(v6.authority()).isEqualTo("[2001:db8::1]:8443");
    }

    @Test
    void convertsInternationalisedNamesToAscii() {
        OutboundUrl u = OutboundUrl.parse("https://bücher.example/users/a");
        assertThat(u.host()).isEqualTo("xn--bcher-kva.example");
        assertThat(u.authority()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void resolvesRelativeRedirects() {
        OutboundUrl u = OutboundUrl.parse("https://a.example/users/alice");
        assertThat(u.resolve("/u/alice").uri().toString()).isEqualTo("https://a.example/u/alice");
        assertThat(u.resolve("https://b.example/x").host()).isEqualTo("b.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "not a url", "/relative/path", "ftp://a.example/x", "file:///etc/passwd", "gopher://a.example/",
        "https://user@a.example/", "https://user:pw@127.0.0.1/", "https://a.example@10.0.0.1/",
        "https://a.example:0/", "https://a.example:70000/", "mailto:alice@example.com", "https:///nohost"
    })
    void refusesWhatCannotBeRequested(String url) {
        assertThatThrownBy(() -> OutboundUrl.parse(url)).isInstanceOfSatisfying(FetchException.class,
                e -> assertThat(e.reason()).isEqualTo(FetchException.Reason.INVALID_URL));
    }
}
