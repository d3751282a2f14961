package social.chorus.federation.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.discovery.Negotiation.Representation.ACTIVITY_JSON;
import static social.chorus.federation.discovery.Negotiation.Representation.HTML;

import java.util.List;
import org.junit.jupiter.api.Test;

class NegotiationTest {
    private static Negotiation.Representation choose(String... headers) {
        return Negotiation.choose(List.of(headers));
    }

    @Test
    void activityPubMediaTypesGetJson() {
        assertThat(choose("application/activity+json")).isEqualTo(ACTIVITY_JSON);
        assertThat(choose("application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\""))
                .isEqualTo(ACTIVITY_JSON);
        assertThat(choose("Application/LD+JSON")).isEqualTo(ACTIVITY_JSON);
        // Mastodon's fetcher lists both, with the ld+json profile first.
        assertThat(choose("application/activity+json, application/ld+json; profile=\"x\"")).isEqualTo(ACTIVITY_JSON);
        assertThat(choose("text/html", "application/activity+json")).isEqualTo(ACTIVITY_JSON);
        assertThat(choose("text/html;q=0.5, application/activity+json;q=0.9")).isEqualTo(ACTIVITY_JSON);
    }

    @Test
    void browsersAndEverythingElseGetHtml() {
        assertThat(choose()).isEqualTo(HTML);
        assertThat(choose("*/*")).isEqualTo(HTML);
        assertThat(choose("application/json")).isEqualTo(HTML);
        assertThat(choose("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")).isEqualTo(HTML);
        assertThat(choose("text/html, application/activity+json;q=0.5")).isEqualTo(HTML);
        assertThat(choose("application/activity+json;q=0")).isEqualTo(HTML);
        assertThat(choose("application/activity+json;q=oops")).isEqualTo(HTML);
        assertThat(choose(",;,;q=")).isEqualTo(HTML);
    }
}
