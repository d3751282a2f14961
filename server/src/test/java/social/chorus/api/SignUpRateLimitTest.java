package social.chorus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.api.AuthorizationCodeFlowTest.count;
import static social.chorus.schema.Tables.LOCAL_USER;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.chorus.app.Chorus;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.FromAddress;
import social.chorus.testing.TestClock;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * {@code POST /api/v1/accounts} per client address: Mastodon's 429 and headers once over the
 * limit, and no account made (no hash, no key pair). Behind a trusted proxy the address is the
 * one the proxy saw. The limits live in memory, so one database kind is enough.
 */
class SignUpRateLimitTest {
    private final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    private Chorus start(TestDatabase db, Map<String, String> settings) {
        Map<String, String> env = new java.util.HashMap<>(settings);
        env.put("CHORUS_REGISTRATIONS", "open");
        return Chorus.start(TestConfig.of(db, env), new Chorus.Extras(clock, List.of()));
    }

    @Test
    void theThirdSignUpFromOneAddressIsRefusedAndCreatesNothing() {
        try (TestDatabase db = TestDatabase.h2()) {
            Chorus chorus = start(db, Map.of("CHORUS_SIGN_UP_LIMIT_PER_ADDRESS", "2"));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                String appToken = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write"), "write");

                Response first = api.registerAccount(appToken, "first", "a long enough password");
                assertThat(first.status()).as(first.body()).isEqualTo(200);
                assertThat(first.header("X-RateLimit-Limit")).contains("2");
                assertThat(first.header("X-RateLimit-Remaining")).contains("1");
                Response second = api.registerAccount(appToken, "second", "a long enough password");
                assertThat(second.status()).isEqualTo(200);
                assertThat(second.header("X-RateLimit-Remaining")).contains("0");

                Response third = api.registerAccount(appToken, "third", "a long enough password");
                assertThat(third.status()).isEqualTo(429);
                assertThat(third.json().getString("error")).isEqualTo("Too many requests");
                // 2 per 30 minutes: the next one is earned 15 minutes after the first.
                assertThat(third.header("Retry-After")).contains("900");
                assertThat(third.header("X-RateLimit-Limit")).contains("2");
                assertThat(third.header("X-RateLimit-Remaining")).contains("0");
                assertThat(Instant.parse(third.header("X-RateLimit-Reset").orElseThrow()))
                        .isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
                assertThat(count(chorus, LOCAL_USER)).isEqualTo(2);
                assertThat(api.get("/api/v1/accounts/lookup?acct=third", null).status()).isEqualTo(404);

                Response elsewhere = new FromAddress("127.0.0.2").postForm(api.uri("/api/v1/accounts"),
                        Map.of("username", "third", "email", "third@example.org", "password",
                                "a long enough password", "agreement", "true"),
                        Map.of("Authorization", "Bearer " + appToken));
                assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(200);

                clock.advance(Duration.ofMinutes(15));
                assertThat(api.registerAccount(appToken, "fourth", "a long enough password").status())
                        .isEqualTo(200);
                assertThat(api.registerAccount(appToken, "fifth", "a long enough password").status())
                        .isEqualTo(429);
                assertThat(count(chorus, LOCAL_USER)).isEqualTo(4);
            } finally {
                chorus.stop();
            }
        }
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnLimit() {
        try (TestDatabase db = TestDatabase.h2()) {
            Chorus chorus = start(db, Map.of("CHORUS_SIGN_UP_LIMIT_PER_ADDRESS", "1",
                    "CHORUS_TRUSTED_PROXIES", "127.0.0.1"));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                String appToken = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write"), "write");
                FromAddress proxy = new FromAddress("127.0.0.1");

                assertThat(signUp(api, proxy, appToken, "one", "203.0.113.5").status()).isEqualTo(200);
                assertThat(signUp(api, proxy, appToken, "two", "203.0.113.5").status()).isEqualTo(429);
                // What the client wrote to the left of what the proxy appended changes nothing.
                assertThat(signUp(api, proxy, appToken, "two", "198.51.100.1, 203.0.113.5").status())
                        .isEqualTo(429);
                assertThat(signUp(api, proxy, appToken, "two", "203.0.113.6").status()).isEqualTo(200);
                // An untrusted peer's header is ignored: 127.0.0.2 is its own client, whatever it claims.
                assertThat(signUp(api, new FromAddress("127.0.0.2"), appToken, "three", "203.0.113.7").status())
                        .isEqualTo(200);
                assertThat(signUp(api, new FromAddress("127.0.0.2"), appToken, "four", "203.0.113.8").status())
                        .isEqualTo(429);
                assertThat(count(chorus, LOCAL_USER)).isEqualTo(3);
            } finally {
                chorus.stop();
            }
        }
    }

    private static Response signUp(ApiTestClient api, FromAddress from, String appToken, String username,
            String forwardedFor) {
        return from.postForm(api.uri("/api/v1/accounts"), Map.of("username", username, "email",
                username + "@example.org", "password", "a long enough password", "agreement", "true"),
                Map.of("Authorization", "Bearer " + appToken, "X-Forwarded-For", forwardedFor));
    }
}
