package social.chorus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.api.AuthorizationCodeFlowTest.count;
import static social.chorus.schema.Tables.WEB_SESSION;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import social.chorus.app.Chorus;
import social.chorus.process.account.SignUp;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.FromAddress;
import social.chorus.testing.TestClock;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * The sign-in form's limits, over real sockets from several loopback addresses: per address every
 * attempt counts, per account name only wrong passwords, and a limited attempt is refused before
 * the password is looked at (the right one is refused too, and no session starts). The limits
 * live in memory, so one database kind is enough.
 */
class SignInRateLimitTest {
    private static final String PASSWORD = "alice's long password";
    private static final Pattern KNOWN = Pattern.compile("chorus_known_browser=([^;]*)");

    private final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    private Chorus start(TestDatabase db, Map<String, String> settings) {
        Chorus chorus = Chorus.start(TestConfig.of(db, settings), new Chorus.Extras(clock, List.of()));
        chorus.services().accounts().signUp(new SignUp("alice", "alice@example.org", PASSWORD, "", "",
                SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
        return chorus;
    }

    @Test
    void anAddressOverItsLimitIsRefusedBeforeThePasswordIsChecked() {
        try (TestDatabase db = TestDatabase.h2()) {
            Chorus chorus = start(db, Map.of("CHORUS_SIGN_IN_LIMIT_PER_ADDRESS", "3"));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                FromAddress home = new FromAddress("127.0.0.1");
                for (int i = 0; i < 3; i++) {
                    assertThat(signIn(api, home, "alice", "wrong password", null).status()).isEqualTo(401);
                }
                Response limited = signIn(api, home, "alice", PASSWORD, null);
                assertThat(limited.status()).isEqualTo(429);
                // 3 per 5 minutes: the next attempt is earned after 100 s.
                assertThat(limited.header("Retry-After")).contains("100");
                assertThat(limited.body()).contains("Too many sign-in attempts. Try again in 2 minutes.")
                        .contains("name=\"authenticity_token\"");
                assertThat(limited.sessionCookie()).isEmpty();
                assertThat(count(chorus, WEB_SESSION)).isZero();

                // X-Forwarded-For is not believed when no proxy is trusted: still the same client.
                Response forged = signIn(api, home, "alice", PASSWORD, Map.of("X-Forwarded-For", "203.0.113.9"));
                assertThat(forged.status()).isEqualTo(429);

                Response elsewhere = signIn(api, new FromAddress("127.0.0.2"), "alice", PASSWORD, null);
                assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(303);

                clock.advance(Duration.ofSeconds(100));
                assertThat(signIn(api, home, "alice", PASSWORD, null).status()).isEqualTo(303);
                assertThat(signIn(api, home, "alice", PASSWORD, null).status()).isEqualTo(429);
                assertThat(count(chorus, WEB_SESSION)).isEqualTo(2);
            } finally {
                chorus.stop();
            }
        }
    }

    @Test
    void wrongPasswordsFromManyAddressesLimitTheAccountButNotABrowserThatSignedInBefore() {
        try (TestDatabase db = TestDatabase.h2()) {
            Chorus chorus = start(db, Map.of("CHORUS_SIGN_IN_LIMIT_PER_ACCOUNT", "2"));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                // Alice signs in from her browser, twice: right passwords are not held against her.
                FromAddress laptop = new FromAddress("127.0.0.1");
                Response first = signIn(api, laptop, "alice", PASSWORD, null);
                assertThat(first.status()).isEqualTo(303);
                String known = knownBrowser(first).orElseThrow();
                assertThat(signIn(api, laptop, "alice", PASSWORD, null).status()).isEqualTo(303);

                // A guesser spread over addresses: two wrong passwords, then even the right one waits.
                assertThat(signIn(api, new FromAddress("127.0.0.2"), "alice", "guess one", null).status())
                        .isEqualTo(401);
                assertThat(signIn(api, new FromAddress("127.0.0.3"), "Alice", "guess two", null).status())
                        .isEqualTo(401);
                Response limited = signIn(api, new FromAddress("127.0.0.5"), "alice", PASSWORD, null);
                assertThat(limited.status()).isEqualTo(429);
                assertThat(limited.header("Retry-After")).contains("1800"); // 2 per hour: one every 30 minutes
                assertThat(limited.sessionCookie()).isEmpty();
                assertThat(count(chorus, WEB_SESSION)).isEqualTo(2);

                // Her own browser is not locked out; a cookie made up for her account is worth nothing.
                Response fromLaptop = signIn(api, laptop, "alice", PASSWORD,
                        Map.of("Cookie", "chorus_known_browser=" + known));
                assertThat(fromLaptop.status()).as(fromLaptop.body()).isEqualTo(303);
                String forgedCookie = known.substring(0, known.indexOf('.') + 1) + "AAAA";
                assertThat(signIn(api, new FromAddress("127.0.0.6"), "alice", PASSWORD,
                        Map.of("Cookie", "chorus_known_browser=" + forgedCookie)).status()).isEqualTo(429);

                // A name nobody has is limited the same way, so a refusal tells nothing about who exists.
                assertThat(signIn(api, laptop, "nobody", "guess", null).status()).isEqualTo(401);
                assertThat(signIn(api, laptop, "nobody", "guess", null).status()).isEqualTo(401);
                assertThat(signIn(api, laptop, "nobody", "guess", null).status()).isEqualTo(429);

                clock.advance(Duration.ofMinutes(30));
                assertThat(signIn(api, new FromAddress("127.0.0.5"), "alice", PASSWORD, null).status())
                        .isEqualTo(303);
            } finally {
                chorus.stop();
            }
        }
    }

    /** A browser's sign-in: the form is fetched (never limited), then posted from {@code from}. */
    private static Response signIn(ApiTestClient api, FromAddress from, String login, String password,
            Map<String, String> extraHeaders) {
        Response page = api.browse("/auth/sign_in", null);
        Map<String, String> headers = new java.util.HashMap<>(extraHeaders == null ? Map.of() : extraHeaders);
        String session = "chorus_session=" + page.sessionCookie().orElseThrow();
        headers.merge("Cookie", session, (known, s) -> s + "; " + known);
        return from.postForm(api.uri("/auth/sign_in"), Map.of("authenticity_token", page.csrf(), "login", login,
                "password", password), headers);
    }

    private static Optional<String> knownBrowser(Response r) {
        return r.headers().allValues("set-cookie").stream().map(KNOWN::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).findFirst();
    }
}
