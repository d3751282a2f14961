package social.chorus.api.statuses;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.chorus.app.Chorus;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * Timelines and {@code max_id} paging order statuses by id, so ids must follow the order in which
 * this server made them, whichever part made them: posts and boosts made within one millisecond
 * (here every one of them, the clock standing still) still come out in the order they were made.
 */
class StatusIdOrderTest {

    @Test
    void postsAndBoostsMadeInOneMillisecondKeepTheirOrder() {
        Clock frozen = Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);
        try (TestDatabase tdb = TestDatabase.create(TestDatabase.Kind.H2)) {
            Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_REGISTRATIONS", "open")),
                    new Chorus.Extras(frozen, List.of()));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                String appToken = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write"),
                        "read write");
                String alice = api.registerAccount(appToken, "alice", "correct horse battery").json()
                        .getString("access_token");
                String bob = api.registerAccount(appToken, "bob", "correct horse battery").json()
                        .getString("access_token");

                List<Long> made = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    String post = api.postForm("/api/v1/statuses", Map.of("status", "post " + i), alice).json()
                            .getString("id");
                    String boost = api.postForm("/api/v1/statuses/" + post + "/reblog", Map.of(), bob).json()
                            .getString("id");
                    made.add(Long.parseLong(post));
                    made.add(Long.parseLong(boost));
                }
                // Posting and boosting are different services; with an id source each, one of them
                // would be ahead of the other within the millisecond and the pairs would not interleave.
                assertThat(made).isSorted().doesNotHaveDuplicates();
            } finally {
                chorus.stop();
            }
        }
    }
}
