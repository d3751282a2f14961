package social.chorus.federation.sig;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyIdsTest {
    @Test
    void fetchUrlDropsOnlyTheFragment() {
        assertThat(KeyIds.fetchUrl("https://mastodon.example/users/bob#main-key").orElseThrow())
                .hasToString("https://mastodon.example/users/bob");
        assertThat(KeyIds.fetchUrl("https://gts.example/users/carol/main-key").orElseThrow())
                .hasToString("https://gts.example/users/carol/main-key");
        assertThat(KeyIds.fetchUrl("https://x.example/u/a%20b?k=1#key").orElseThrow())
                .hasToString("https://x.example/u/a%20b?k=1");
    }

    @Test
    void fetchUrlRefusesNonWebKeyIds() {
        assertThat(KeyIds.fetchUrl("acct:bob@mastodon.example")).isEmpty();
        assertThat(KeyIds.fetchUrl("/users/bob#main-key")).isEmpty();
        assertThat(KeyIds.fetchUrl("test-key-ed25519")).isEmpty();
        assertThat(KeyIds.fetchUrl("https://bad host/")).isEmpty();
        assertThat(KeyIds.fetchUrl(null)).isEmpty();
    }

    @Test
    void sameHostIgnoresCaseAndDefaultPortsButNotOtherPorts() {
        assertThat(KeyIds.sameHost("https://Mastodon.Example/users/bob#main-key",
                "https://mastodon.example:443/users/bob")).isTrue();
        assertThat(KeyIds.sameHost("http://localhost:8081/users/a", "http://localhost:8082/users/a")).isFalse();
        assertThat(KeyIds.sameHost("https://a.example/x", "https://b.example/x")).isFalse();
        assertThat(KeyIds.sameHost("https://a.example/x", "not a url")).isFalse();
        assertThat(KeyIds.host("https://A.example:8443/x")).contains("a.example");
    }
}
