package social.chorus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.api.AuthorizationCodeFlowTest.count;
import static social.chorus.schema.Tables.LOCAL_USER;
import static social.chorus.schema.Tables.OAUTH_ACCESS_TOKEN;
import static social.chorus.schema.Tables.OAUTH_APPLICATION;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.app.Chorus;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;
import social.chorus.testing.ApiTestClient;

/** Hostile and invalid input gets the right 4xx and changes nothing. */
class ClientApiRefusalsTest {
    private static final String REDIRECT = "https://app.example/cb";

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void badRequestsAreRefusedAndStoreNothing(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_REGISTRATIONS", "open")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);

                Response malformed = api.postJson("/api/v1/apps", "{\"client_name\": \"x\", ", null);
                assertThat(malformed.status()).isEqualTo(400);
                assertThat(malformed.json().getString("error")).isEqualTo("The request body is not valid JSON");
                assertThat(api.postJson("/api/v1/apps", "[1,2]", null).status()).isEqualTo(400);
                Response oversized = api.postForm("/api/v1/apps", Map.of("client_name", "x".repeat(100_000),
                        "redirect_uris", REDIRECT), null);
                assertThat(oversized.status()).isEqualTo(413);
                assertThat(oversized.json().containsKey("error")).isTrue();
                assertRefused(api, Map.of("redirect_uris", REDIRECT), "Validation failed: Application name can't be blank");
                assertRefused(api, Map.of("client_name", "x"), "Validation failed: Redirect URI can't be blank");
                for (String uri : new String[] {"javascript:alert(1)", "/relative", "https://a.example/#frag",
                        "data:text/html,hi", "not a uri"}) {
                    assertRefused(api, Map.of("client_name", "x", "redirect_uris", uri), "Redirect URI");
                }
                assertRefused(api, Map.of("client_name", "x", "redirect_uris", REDIRECT, "scopes", "read everything"),
                        "Scopes");
                assertRefused(api, Map.of("client_name", "x", "redirect_uris", REDIRECT, "website", "ftp://x"),
                        "Website is invalid");
                assertThat(count(chorus, OAUTH_APPLICATION)).isZero();

                // JSON bodies and arrays are accepted as Mastodon accepts them.
                Response json = api.postJson("/api/v1/apps", "{\"client_name\":\"J\",\"redirect_uris\":[\""
                        + REDIRECT + "\",\"urn:ietf:wg:oauth:2.0:oob\"],\"scopes\":\"read write\"}", null);
                assertThat(json.status()).as(json.body()).isEqualTo(200);
                assertThat(json.json().getJsonArray("redirect_uris").getList())
                        .containsExactly(REDIRECT, "urn:ietf:wg:oauth:2.0:oob");
                JsonObject app = json.json();
                String id = app.getString("client_id");
                String secret = app.getString("client_secret");

                assertOAuthError(api.postForm("/oauth/token", Map.of("grant_type", "password", "client_id", id,
                        "client_secret", secret, "username", "a", "password", "b"), null), 400, "unsupported_grant_type");
                assertOAuthError(api.postForm("/oauth/token", Map.of("client_id", id, "client_secret", secret), null),
                        400, "invalid_request");
                assertOAuthError(api.postForm("/oauth/token", Map.of("grant_type", "client_credentials",
                        "client_id", id, "client_secret", secret + "x"), null), 401, "invalid_client");
                assertOAuthError(api.postForm("/oauth/token", Map.of("grant_type", "client_credentials",
                        "client_id", id, "client_secret", secret, "scope", "follow"), null), 400, "invalid_scope");
                assertOAuthError(api.postForm("/oauth/token", Map.of("grant_type", "authorization_code",
                        "client_id", id, "client_secret", secret, "code", "made-up", "redirect_uri", REDIRECT), null),
                        400, "invalid_grant");
                assertThat(count(chorus, OAUTH_ACCESS_TOKEN)).isZero();
                // HTTP Basic client authentication works too (RFC 6749 section 2.3.1).
                Response basic = api.send(HttpRequest.newBuilder(api.uri("/oauth/token"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                (id + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=write")));
                assertThat(basic.status()).as(basic.body()).isEqualTo(200);
                String appToken = basic.json().getString("access_token");

                // A redirect URI the app did not register is never redirected to.
                String authorize = "/oauth/authorize?response_type=code&client_id=" + id + "&redirect_uri=";
                Response foreign = api.browse(authorize + "https%3A%2F%2Fevil.example%2Fcb", null);
                assertThat(foreign.status()).isEqualTo(400);
                assertThat(foreign.header("location")).isEmpty();
                assertThat(foreign.body()).contains("redirect URI");
                assertThat(api.browse("/oauth/authorize?response_type=code&client_id=unknown&redirect_uri="
                        + "https%3A%2F%2Fevil.example%2Fcb", null).status()).isEqualTo(400);
                // A known client with a wrong request hears about it at its own redirect URI.
                Response badScope = api.browse(authorize + "https%3A%2F%2Fapp.example%2Fcb&scope=admin:write&state=s",
                        null);
                assertThat(badScope.status()).isEqualTo(302);
                assertThat(badScope.header("location").orElseThrow()).startsWith(REDIRECT + "?error=invalid_scope")
                        .endsWith("&state=s");
                assertThat(api.browse("/oauth/authorize?response_type=token&client_id=" + id + "&redirect_uri="
                        + "https%3A%2F%2Fapp.example%2Fcb", null).header("location").orElseThrow())
                        .contains("error=unsupported_response_type");
                assertThat(api.browse(authorize + "https%3A%2F%2Fapp.example%2Fcb&code_challenge="
                        + "a".repeat(43) + "&code_challenge_method=S512", null).header("location").orElseThrow())
                        .contains("error=invalid_request");

                // CORS as Mastodon: any origin for the API and the token endpoint, preflights answered.
                Response preflight = api.send(HttpRequest.newBuilder(api.uri("/api/v1/accounts/verify_credentials"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://client.example").header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "authorization"));
                assertThat(preflight.status()).isEqualTo(200);
                assertThat(preflight.header("access-control-allow-origin")).hasValue("*");
                assertThat(preflight.header("access-control-allow-headers")).hasValue("authorization");
                assertThat(api.postForm("/oauth/token", Map.of(), null).header("access-control-allow-origin"))
                        .hasValue("*");

                // Registration: per-field details, nothing created.
                Response invalid = api.postForm("/api/v1/accounts", Map.of("username", "no spaces!",
                        "email", "x@example.org", "password", "short"), appToken);
                assertThat(invalid.status()).isEqualTo(422);
                JsonObject details = invalid.json().getJsonObject("details");
                assertThat(invalid.json().getString("error")).startsWith("Validation failed: ");
                assertThat(details.getJsonArray("username").getJsonObject(0).getString("error"))
                        .isEqualTo("ERR_INVALID");
                assertThat(details.getJsonArray("password").getJsonObject(0).getString("error"))
                        .isEqualTo("ERR_TOO_SHORT");
                assertThat(details.getJsonArray("agreement").getJsonObject(0).getString("error"))
                        .isEqualTo("ERR_ACCEPTED");
                Response badEmail = api.postForm("/api/v1/accounts", Map.of("username", "carol", "email", "nope",
                        "password", "long enough pw", "agreement", "1"), appToken);
                assertThat(badEmail.status()).isEqualTo(422);
                assertThat(badEmail.json().getJsonObject("details").getJsonArray("email").getJsonObject(0)
                        .getString("error")).isEqualTo("ERR_INVALID");
                assertThat(count(chorus, LOCAL_USER)).isZero();
                assertThat(api.registerAccount(appToken, "carol", "long enough pw").status()).isEqualTo(200);
                Response taken = api.registerAccount(appToken, "Carol", "long enough pw");
                assertThat(taken.status()).isEqualTo(422);
                assertThat(taken.json().getJsonObject("details").getJsonArray("username").getJsonObject(0)
                        .getString("error")).isEqualTo("ERR_TAKEN");
                assertThat(count(chorus, LOCAL_USER)).isEqualTo(1);

                // Revocation needs the app's own credentials, and only revokes the app's own tokens.
                JsonObject other = api.registerApp(REDIRECT, "read");
                assertOAuthError(api.postForm("/oauth/revoke", Map.of("client_id", id, "client_secret", "wrong",
                        "token", appToken), null), 403, "unauthorized_client");
                assertOAuthError(api.postForm("/oauth/revoke", Map.of("client_id", other.getString("client_id"),
                        "client_secret", other.getString("client_secret"), "token", appToken), null),
                        403, "unauthorized_client");
                assertThat(api.get("/api/v1/apps/verify_credentials", appToken).json().getString("name"))
                        .isEqualTo("J");
                assertThat(api.postForm("/oauth/revoke", Map.of("client_id", id, "client_secret", secret,
                        "token", "never-issued"), null).status()).isEqualTo(200);

                // Sign-in sends people only to paths on this server.
                Response page = api.browse("/auth/sign_in", null);
                Response offsite = api.submit("/auth/sign_in", Map.of("authenticity_token", page.csrf(),
                        "login", "carol", "password", "long enough pw", "return_to", "//evil.example/x"),
                        page.sessionCookie().orElseThrow());
                assertThat(offsite.status()).isEqualTo(303);
                assertThat(offsite.header("location")).hasValue("/auth/sign_in");
            } finally {
                chorus.stop();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void closedRegistrationsRefuseSignUp(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_REGISTRATIONS", "closed")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                String appToken = api.appToken(api.registerApp(REDIRECT, "read write"), "write");
                Response refused = api.registerAccount(appToken, "dave", "long enough pw");
                assertThat(refused.status()).isEqualTo(403);
                assertThat(refused.json().getString("error")).isEqualTo("Registrations are closed on this instance");
                assertThat(count(chorus, LOCAL_USER)).isZero();
                assertThat(api.get("/api/v1/instance", null).json().getBoolean("registrations")).isFalse();
                assertThat(api.get("/api/v2/instance", null).json().getJsonObject("registrations")
                        .getBoolean("enabled")).isFalse();
            } finally {
                chorus.stop();
            }
        }
    }

    private static void assertRefused(ApiTestClient api, Map<String, String> form, String message) {
        Response r = api.postForm("/api/v1/apps", form, null);
        assertThat(r.status()).as(form.toString()).isEqualTo(422);
        assertThat(r.json().getString("error")).as(form.toString()).contains(message);
    }

    private static void assertOAuthError(Response r, int status, String error) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().getString("error")).isEqualTo(error);
        assertThat(r.json().getString("error_description")).isNotBlank();
    }
}
