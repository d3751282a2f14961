package social.chorus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.schema.Tables.OAUTH_AUTHORIZATION_CODE;
import static social.chorus.schema.Tables.WEB_SESSION;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.jooq.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.app.Chorus;
import social.chorus.process.account.SignUp;
import social.chorus.process.auth.SecretTokens;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;
import social.chorus.testing.ApiTestClient;

/**
 * The browser side of OAuth driven over HTTP: authorize, sign in with the CSRF token and cookie,
 * consent, code, PKCE exchange; then the refusals (wrong verifier, replayed code, missing CSRF
 * token) and sign-out.
 */
class AuthorizationCodeFlowTest {
    private static final String REDIRECT = "https://app.example/callback";
    private static final String PASSWORD = "bob's long password";

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void authorizationCodeWithPkceOverHttp(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_REGISTRATIONS", "open")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                chorus.services().accounts().signUp(new SignUp("bob", "bob@example.org", PASSWORD, "Bob", null,
                        SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
                JsonObject app = api.registerApp(REDIRECT + "\nurn:ietf:wg:oauth:2.0:oob", "read write follow");
                String verifier = randomVerifier();
                String authorizePath = "/oauth/authorize?response_type=code&client_id=" + app.getString("client_id")
                        + "&redirect_uri=" + enc(REDIRECT) + "&scope=" + enc("read write") + "&state=xyz%20123"
                        + "&code_challenge=" + SecretTokens.sha256Base64Url(verifier) + "&code_challenge_method=S256";

                // Nobody signed in: the sign-in form, with a fresh anonymous cookie and its CSRF token.
                Response signInPage = api.browse(authorizePath, null);
                assertThat(signInPage.status()).isEqualTo(200);
                assertThat(signInPage.body()).contains("Sign in to authorize Test App");
                assertThat(signInPage.headers().allValues("set-cookie")).anySatisfy(c -> assertThat(c)
                        .startsWith("chorus_session=").containsIgnoringCase("HttpOnly").contains("SameSite=Lax")
                        .doesNotContain("Secure"));
                assertThat(signInPage.header("x-frame-options")).hasValue("DENY");
                String anonymous = signInPage.sessionCookie().orElseThrow();
                String csrf = signInPage.csrf();

                // Without the CSRF token: 403 and no session.
                Map<String, String> credentials = Map.of("login", "bob", "password", PASSWORD,
                        "return_to", authorizePath);
                Response noCsrf = api.submit("/auth/sign_in", credentials, anonymous);
                assertThat(noCsrf.status()).isEqualTo(403);
                assertThat(noCsrf.sessionCookie()).isEmpty();
                assertThat(count(chorus, WEB_SESSION)).isZero();
                // A token that belongs to another cookie is as bad as none.
                assertThat(api.submit("/auth/sign_in", with(credentials, "authenticity_token", csrf), "other")
                        .status()).isEqualTo(403);

                Response wrongPassword = api.submit("/auth/sign_in", with(with(credentials,
                        "authenticity_token", csrf), "password", "not the password"), anonymous);
                assertThat(wrongPassword.status()).isEqualTo(401);
                assertThat(wrongPassword.body()).contains("Invalid username, e-mail address or password.");
                assertThat(count(chorus, WEB_SESSION)).isZero();

                Response signedIn = api.submit("/auth/sign_in", with(credentials, "authenticity_token", csrf),
                        anonymous);
                assertThat(signedIn.status()).isEqualTo(303);
                assertThat(signedIn.header("location")).hasValue(authorizePath);
                String session = signedIn.sessionCookie().orElseThrow();
                assertThat(session).isNotEqualTo(anonymous);
                assertThat(count(chorus, WEB_SESSION)).isEqualTo(1);

                Response consent = api.browse(authorizePath, session);
                assertThat(consent.status()).isEqualTo(200);
                assertThat(consent.body()).contains("Authorize Test App?").contains("<code>read</code>")
                        .contains("<code>write</code>").doesNotContain("<code>follow</code>").contains("@bob");
                String consentCsrf = consent.csrf();
                Map<String, String> decision = with(consent.hiddenFields(), "decision", "approve");
                assertThat(decision).containsEntry("state", "xyz 123").containsEntry("code_challenge_method", "S256")
                        .containsEntry("redirect_uri", REDIRECT).containsEntry("authenticity_token", consentCsrf);

                // Approving without the CSRF token changes nothing.
                Map<String, String> forged = new HashMap<>(decision);
                forged.remove("authenticity_token");
                assertThat(api.submit("/oauth/authorize", forged, session).status()).isEqualTo(403);
                assertThat(count(chorus, OAUTH_AUTHORIZATION_CODE)).isZero();

                Response approved = api.submit("/oauth/authorize", decision, session);
                assertThat(approved.status()).isEqualTo(302);
                URI location = URI.create(approved.header("location").orElseThrow());
                assertThat(location.getScheme() + "://" + location.getHost() + location.getPath()).isEqualTo(REDIRECT);
                Map<String, String> back = ApiTestClient.params(location.getRawQuery());
                assertThat(back.get("state")).isEqualTo("xyz 123");
                String code = back.get("code");

                Map<String, String> exchange = Map.of("grant_type", "authorization_code", "code", code,
                        "redirect_uri", REDIRECT, "client_id", app.getString("client_id"),
                        "client_secret", app.getString("client_secret"), "code_verifier", verifier);
                Response wrongVerifier = api.postForm("/oauth/token", with(exchange, "code_verifier",
                        randomVerifier()), null);
                assertThat(wrongVerifier.status()).isEqualTo(400);
                assertThat(wrongVerifier.json().getString("error")).isEqualTo("invalid_grant");
                assertThat(wrongVerifier.json().getString("error_description")).isNotBlank();
                assertThat(api.postForm("/oauth/token", with(exchange, "code_verifier", ""), null).status())
                        .isEqualTo(400);
                assertThat(api.postForm("/oauth/token", with(exchange, "redirect_uri",
                        "urn:ietf:wg:oauth:2.0:oob"), null).json().getString("error")).isEqualTo("invalid_grant");

                Response token = api.postForm("/oauth/token", exchange, null);
                assertThat(token.status()).as(token.body()).isEqualTo(200);
                assertThat(token.json().getString("scope")).isEqualTo("read write");
                String access = token.json().getString("access_token");
                assertThat(api.get("/api/v1/accounts/verify_credentials", access).json().getString("username"))
                        .isEqualTo("bob");

                // Replaying the code fails and withdraws the token it was exchanged for.
                Response replay = api.postForm("/oauth/token", exchange, null);
                assertThat(replay.status()).isEqualTo(400);
                assertThat(replay.json().getString("error")).isEqualTo("invalid_grant");
                assertThat(api.get("/api/v1/accounts/verify_credentials", access).status()).isEqualTo(401);

                // A read-only grant through the out-of-band page; no PKCE this time.
                String oobPath = "/oauth/authorize?response_type=code&client_id=" + app.getString("client_id")
                        + "&redirect_uri=" + enc("urn:ietf:wg:oauth:2.0:oob") + "&scope=read";
                Response oobConsent = api.browse(oobPath, session);
                Map<String, String> oobDecision = with(oobConsent.hiddenFields(), "decision", "approve");
                Response codePage = api.submit("/oauth/authorize", oobDecision, session);
                assertThat(codePage.status()).isEqualTo(200);
                String oobCode = codePage.body().replaceAll("(?s).*<code id=\"code\">([^<]+)</code>.*", "$1");
                Map<String, String> oobExchange = Map.of("grant_type", "authorization_code", "code", oobCode,
                        "redirect_uri", "urn:ietf:wg:oauth:2.0:oob", "client_id", app.getString("client_id"),
                        "client_secret", app.getString("client_secret"));
                // A verifier for a code issued without a challenge is refused (PKCE downgrade).
                assertThat(api.postForm("/oauth/token", with(oobExchange, "code_verifier", verifier), null)
                        .status()).isEqualTo(400);
                Response readToken = api.postForm("/oauth/token", oobExchange, null);
                assertThat(readToken.status()).as(readToken.body()).isEqualTo(200);
                assertThat(readToken.json().getString("scope")).isEqualTo("read");
                String read = readToken.json().getString("access_token");
                assertThat(api.get("/api/v1/accounts/verify_credentials", read).status()).isEqualTo(200);
                Response readOnlyPatch = api.patchForm("/api/v1/accounts/update_credentials",
                        Map.of("display_name", "Mallory"), read);
                assertThat(readOnlyPatch.status()).isEqualTo(403);
                assertThat(api.get("/api/v1/accounts/verify_credentials", read).json().getString("display_name"))
                        .isEqualTo("Bob");

                // Refresh: a new token, the old one revoked.
                Response refreshed = api.postForm("/oauth/token", Map.of("grant_type", "refresh_token",
                        "refresh_token", readToken.json().getString("refresh_token"),
                        "client_id", app.getString("client_id"), "client_secret", app.getString("client_secret")), null);
                assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
                assertThat(api.get("/api/v1/accounts/verify_credentials", read).status()).isEqualTo(401);
                assertThat(api.get("/api/v1/accounts/verify_credentials",
                        refreshed.json().getString("access_token")).status()).isEqualTo(200);

                // Deny: back to the app with access_denied and the state.
                Response denied = api.submit("/oauth/authorize", with(decision, "decision", "deny"), session);
                assertThat(denied.status()).isEqualTo(302);
                assertThat(denied.header("location").orElseThrow()).startsWith(REDIRECT + "?error=access_denied")
                        .contains("state=xyz+123");

                // The person who signed in is active this month.
                assertThat(api.get("/api/v2/instance", null).json().getJsonObject("usage").getJsonObject("users")
                        .getInteger("active_month")).isEqualTo(1);

                // Sign-out needs the CSRF token, then ends the session for good.
                assertThat(api.submit("/auth/sign_out", Map.of(), session).status()).isEqualTo(403);
                assertThat(count(chorus, WEB_SESSION)).isEqualTo(1);
                Response signedOut = api.submit("/auth/sign_out", Map.of("authenticity_token", consentCsrf), session);
                assertThat(signedOut.status()).isEqualTo(303);
                assertThat(signedOut.headers().allValues("set-cookie")).anySatisfy(c -> assertThat(c)
                        .startsWith("chorus_session=;").contains("Max-Age=0"));
                assertThat(count(chorus, WEB_SESSION)).isZero();
                Response afterSignOut = api.browse(authorizePath, session);
                assertThat(afterSignOut.body()).contains("Sign in to authorize");
                assertThat(api.submit("/oauth/authorize", decision, session).status()).isEqualTo(401);
            } finally {
                chorus.stop();
            }
        }
    }

    static Map<String, String> with(Map<String, String> form, String key, String value) {
        Map<String, String> copy = new HashMap<>(form);
        copy.put(key, value);
        return copy;
    }

    static int count(Chorus chorus, Table<?> table) {
        return chorus.services().db().read(dsl -> dsl.fetchCount(table)).await();
    }

    private static String randomVerifier() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
