package social.chorus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.api.AuthorizationCodeFlowTest.count;
import static social.chorus.schema.Tables.LOCAL_USER;
import static social.chorus.schema.Tables.WEB_SESSION;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.app.Chorus;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;
import social.chorus.testing.ApiTestClient;

/** Approval mode: a pending account can neither sign in nor use its token until approved; disabled ones stop. */
class SignInStatesTest {
    private static final String PASSWORD = "erin's long password";

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void pendingAndDisabledAccountsCannotSignIn(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_REGISTRATIONS", "approval")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                assertThat(api.get("/api/v1/instance", null).json().getBoolean("approval_required")).isTrue();
                assertThat(api.get("/api/v2/instance", null).json().getJsonObject("registrations")
                        .getBoolean("approval_required")).isTrue();

                String appToken = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write"), "write");
                Response registered = api.registerAccount(appToken, "erin", PASSWORD);
                assertThat(registered.status()).as(registered.body()).isEqualTo(200);
                String token = registered.json().getString("access_token");
                assertThat(count(chorus, LOCAL_USER)).isEqualTo(1);

                Response pendingApi = api.get("/api/v1/accounts/verify_credentials", token);
                assertThat(pendingApi.status()).isEqualTo(403);
                assertThat(pendingApi.json().getString("error")).isEqualTo("Your login is currently pending approval");
                assertThat(api.get("/api/v1/accounts/lookup?acct=erin", null).status()).isEqualTo(404);
                assertThat(api.get("/api/v1/instance", null).json().getJsonObject("stats").getInteger("user_count"))
                        .isZero();

                Response pendingWeb = signIn(api, "erin");
                assertThat(pendingWeb.status()).isEqualTo(403);
                assertThat(pendingWeb.body()).contains("waiting for approval");
                // Even the right password of a pending account gets no session.
                assertThat(pendingWeb.sessionCookie()).isEmpty();
                assertThat(count(chorus, WEB_SESSION)).isZero();

                chorus.services().accounts().approve("erin").await();
                Response approved = signIn(api, "erin@example.org"); // by e-mail address this time
                assertThat(approved.status()).isEqualTo(303);
                assertThat(approved.sessionCookie()).isPresent();
                assertThat(api.get("/api/v1/accounts/verify_credentials", token).status()).isEqualTo(200);
                Response signedInPage = api.browse("/auth/sign_in", approved.sessionCookie().get());
                assertThat(signedInPage.body()).contains("You are signed in as <strong>@erin</strong>");

                chorus.services().accounts().setDisabled("erin", true).await();
                Response disabledWeb = signIn(api, "erin");
                assertThat(disabledWeb.status()).isEqualTo(403);
                assertThat(disabledWeb.body()).contains("Your account is disabled");
                // The session from before no longer counts as signed in.
                assertThat(api.browse("/auth/sign_in", approved.sessionCookie().get()).body())
                        .doesNotContain("You are signed in");
                Response disabledApi = api.get("/api/v1/accounts/verify_credentials", token);
                assertThat(disabledApi.status()).isEqualTo(403);
                assertThat(disabledApi.json().getString("error")).isEqualTo("Your login is currently disabled");

                // Unknown people get the same answer as a wrong password.
                Response unknown = signIn(api, "nobody");
                assertThat(unknown.status()).isEqualTo(401);
                assertThat(unknown.body()).contains("Invalid username, e-mail address or password.");
            } finally {
                chorus.stop();
            }
        }
    }

    /**
     * MariaDB's collation finds "alice" under "alicé", "ａｌｉｃｅ" or "ali\u0307ce", and each such spelling
     * would be a fresh count for the per-account sign-in limit. Only the name itself (in any letter
     * case) signs in, on both databases.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void onlyTheNameItselfSignsInNotWhatACollationTakesForIt(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_REGISTRATIONS", "open")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                String appToken = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write"), "write");
                assertThat(api.registerAccount(appToken, "erin", PASSWORD).status()).isEqualTo(200);

                assertThat(signIn(api, "ERIN").status()).isEqualTo(303);
                assertThat(signIn(api, "Erin@Example.org").status()).isEqualTo(303);
                for (String lookalike : new String[] {"er\u00edn", "\uff45\uff52\uff49\uff4e", "eri\u0307n",
                        "er\u00edn@example.org", "erin@ex\u00e1mple.org"}) {
                    Response r = signIn(api, lookalike);
                    assertThat(r.status()).as(lookalike).isEqualTo(401);
                    assertThat(r.body()).as(lookalike).contains("Invalid username, e-mail address or password.");
                }
            } finally {
                chorus.stop();
            }
        }
    }

    private static Response signIn(ApiTestClient api, String login) {
        Response page = api.browse("/auth/sign_in", null);
        return api.submit("/auth/sign_in", Map.of("authenticity_token", page.csrf(), "login", login,
                "password", PASSWORD), page.sessionCookie().orElseThrow());
    }
}
