package social.chorus.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.app.Chorus;
import social.chorus.process.instance.InstanceActorService;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;
import social.chorus.testing.ApiTestClient;

/** An app registers, signs a person up and drives their account through the client API, on each database. */
class ClientApiFlowTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void appRegistersAccountThenUsesAndUpdatesIt(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_REGISTRATIONS", "open")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                String base = chorus.config().baseUrl();

                JsonObject app = api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow");
                assertThat(app.getString("id")).matches("[0-9]+");
                assertThat(app.getString("name")).isEqualTo("Test App");
                assertThat(app.getString("website")).isEqualTo("https://app.example");
                assertThat(app.getString("redirect_uri")).isEqualTo("urn:ietf:wg:oauth:2.0:oob");
                assertThat(app.getJsonArray("redirect_uris").getList()).containsExactly("urn:ietf:wg:oauth:2.0:oob");
                assertThat(app.getJsonArray("scopes").getList()).containsExactly("read", "write", "follow");
                assertThat(app.getString("client_id")).hasSize(43);
                assertThat(app.getString("client_secret")).hasSize(43);
                assertThat(app.containsKey("vapid_key")).isTrue();
                assertThat(app.getValue("vapid_key")).isNull();

                // client_credentials without a scope gets Mastodon's default, "read".
                Response readOnly = api.postForm("/oauth/token", Map.of("grant_type", "client_credentials",
                        "client_id", app.getString("client_id"), "client_secret", app.getString("client_secret")), null);
                assertThat(readOnly.status()).isEqualTo(200);
                assertThat(readOnly.json().getString("scope")).isEqualTo("read");
                assertThat(readOnly.json().getString("token_type")).isEqualTo("Bearer");
                assertThat(readOnly.json().getLong("created_at")).isPositive();
                assertThat(readOnly.header("cache-control")).hasValue("no-store");

                Response outOfScope = api.registerAccount(readOnly.json().getString("access_token"), "alice",
                        "correct horse battery");
                assertThat(outOfScope.status()).isEqualTo(403);
                assertThat(outOfScope.json().getString("error")).isEqualTo("This action is outside the authorized scopes");

                String appToken = api.appToken(app, "read write");
                Response registered = api.registerAccount(appToken, "alice", "correct horse battery");
                assertThat(registered.status()).as(registered.body()).isEqualTo(200);
                String userToken = registered.json().getString("access_token");
                assertThat(registered.json().getString("scope")).isEqualTo("read write follow");
                assertThat(registered.json().getString("token_type")).isEqualTo("Bearer");

                // An app token is not a person.
                Response appOnly = api.get("/api/v1/accounts/verify_credentials", appToken);
                assertThat(appOnly.status()).isEqualTo(422);
                assertThat(appOnly.json().getString("error")).isEqualTo("This method requires an authenticated user");

                Response me = api.get("/api/v1/accounts/verify_credentials", userToken);
                assertThat(me.status()).as(me.body()).isEqualTo(200);
                JsonObject account = me.json();
                assertThat(account.getValue("id")).isInstanceOf(String.class);
                assertThat(account.getString("username")).isEqualTo("alice");
                assertThat(account.getString("acct")).isEqualTo("alice");
                assertThat(account.getString("uri")).isEqualTo(base + "/users/alice");
                assertThat(account.getString("url")).isEqualTo(base + "/@alice");
                assertThat(account.getString("created_at")).matches("\\d{4}-\\d{2}-\\d{2}T00:00:00\\.000Z");
                assertThat(account.getString("avatar")).isEqualTo(base + "/avatars/original/missing.png");
                assertThat(account.getString("header_static")).isEqualTo(base + "/headers/original/missing.png");
                assertThat(account.getBoolean("bot")).isFalse();
                assertThat(account.getBoolean("group")).isFalse();
                assertThat(account.getBoolean("locked")).isFalse();
                assertThat(account.getInteger("followers_count")).isZero();
                assertThat(account.getValue("last_status_at")).isNull();
                assertThat(account.getJsonArray("emojis")).isEmpty();
                assertThat(account.getJsonArray("fields")).isEmpty();
                assertThat(account.getJsonObject("source").getString("privacy")).isEqualTo("public");
                assertThat(account.getJsonObject("source").getString("note")).isEmpty();
                String id = account.getString("id");

                Response avatar = api.get("/avatars/original/missing.png", null);
                assertThat(avatar.status()).isEqualTo(200);
                assertThat(avatar.header("content-type")).hasValue("image/png");

                // A token without write:accounts may not change a profile (scope checked before anything else).
                Response forbidden = api.patchForm("/api/v1/accounts/update_credentials",
                        Map.of("display_name", "Mallory"), readOnly.json().getString("access_token"));
                assertThat(forbidden.status()).isEqualTo(403);
                assertThat(forbidden.json().getString("error")).isEqualTo("This action is outside the authorized scopes");

                Response updated = api.patchJson("/api/v1/accounts/update_credentials",
                        "{\"display_name\":\"Alice A.\",\"note\":\"Hi <script>alert(1)</script>\\n\\nBye & co\","
                                + "\"locked\":true}", userToken);
                assertThat(updated.status()).as(updated.body()).isEqualTo(200);
                assertThat(updated.json().getString("display_name")).isEqualTo("Alice A.");
                assertThat(updated.json().getString("note"))
                        .isEqualTo("<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;</p><p>Bye &amp; co</p>");
                assertThat(updated.json().getJsonObject("source").getString("note"))
                        .isEqualTo("Hi <script>alert(1)</script>\n\nBye & co");
                assertThat(updated.json().getBoolean("locked")).isTrue();

                // Form fields work too, and fields left out stay as they were.
                Response unlocked = api.patchForm("/api/v1/accounts/update_credentials", Map.of("locked", "false"),
                        userToken);
                assertThat(unlocked.json().getBoolean("locked")).isFalse();
                assertThat(unlocked.json().getString("display_name")).isEqualTo("Alice A.");

                // Multipart, as apps send profile edits with images: fields are read, file parts skipped.
                String boundary = "chorus-test-boundary";
                String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"display_name\"\r\n\r\n"
                        + "Alice M.\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"avatar\";"
                        + " filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\nnot really a png\r\n--" + boundary
                        + "--\r\n";
                Response viaMultipart = api.send(HttpRequest.newBuilder(
                                api.uri("/api/v1/accounts/update_credentials"))
                        .header("Authorization", "Bearer " + userToken)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(multipart)));
                assertThat(viaMultipart.status()).as(viaMultipart.body()).isEqualTo(200);
                assertThat(viaMultipart.json().getString("display_name")).isEqualTo("Alice M.");
                api.patchForm("/api/v1/accounts/update_credentials", Map.of("display_name", "Alice A."), userToken);

                Response tooLong = api.patchForm("/api/v1/accounts/update_credentials",
                        Map.of("display_name", "x".repeat(101)), userToken);
                assertThat(tooLong.status()).isEqualTo(422);
                assertThat(api.get("/api/v1/accounts/verify_credentials", userToken).json()
                        .getString("display_name")).isEqualTo("Alice A.");

                // Lookup and show are public and agree with each other.
                for (String acct : new String[] {"alice", "@alice", "alice@" + chorus.config().domain(),
                        "ALICE@" + chorus.config().domain().toUpperCase()}) {
                    Response found = api.get("/api/v1/accounts/lookup?acct="
                            + URLEncoder.encode(acct, StandardCharsets.UTF_8), null);
                    assertThat(found.status()).as(acct).isEqualTo(200);
                    assertThat(found.json().getString("id")).isEqualTo(id);
                    assertThat(found.json().getString("acct")).isEqualTo("alice");
                    assertThat(found.json().containsKey("source")).isFalse();
                }
                Response shown = api.get("/api/v1/accounts/" + id, null);
                assertThat(shown.status()).isEqualTo(200);
                assertThat(shown.json().getString("display_name")).isEqualTo("Alice A.");
                assertThat(shown.header("access-control-allow-origin")).hasValue("*");
                assertThat(api.get("/api/v1/accounts/lookup?acct=nobody", null).json().getString("error"))
                        .isEqualTo("Record not found");
                assertThat(api.get("/api/v1/accounts/lookup?acct=alice@elsewhere.example", null).status())
                        .isEqualTo(404);
                assertThat(api.get("/api/v1/accounts/999999", null).status()).isEqualTo(404);
                // The instance actor is not a person: not found through the API.
                assertThat(api.get("/api/v1/accounts/lookup?acct="
                        + InstanceActorService.USERNAME, null).status()).isEqualTo(404);
                // A bad token on a public route is refused, as Mastodon's authorize_if_got_token! does.
                assertThat(api.get("/api/v1/accounts/" + id, "not-a-token").status()).isEqualTo(401);

                // Revoked tokens stop working at once.
                Response revoke = api.postForm("/oauth/revoke", Map.of("client_id", app.getString("client_id"),
                        "client_secret", app.getString("client_secret"), "token", userToken), null);
                assertThat(revoke.status()).isEqualTo(200);
                assertThat(revoke.body()).isEqualTo("{}");
                Response revoked = api.get("/api/v1/accounts/verify_credentials", userToken);
                assertThat(revoked.status()).isEqualTo(401);
                assertThat(revoked.json().getString("error")).isEqualTo("The access token is invalid");
                assertThat(revoked.header("www-authenticate")).hasValueSatisfying(
                        v -> assertThat(v).startsWith("Bearer"));
                assertThat(api.get("/api/v1/accounts/verify_credentials", null).status()).isEqualTo(401);

                // Instance: one person, counted in both shapes.
                JsonObject v1 = api.get("/api/v1/instance", null).json();
                assertThat(v1.getString("uri")).isEqualTo(chorus.config().domain());
                assertThat(v1.getString("title")).isEqualTo(chorus.config().domain());
                assertThat(v1.getString("version")).startsWith("4.3.0 (compatible; Chorus ");
                assertThat(v1.getJsonObject("stats").getInteger("user_count")).isEqualTo(1);
                assertThat(v1.getJsonObject("stats").getInteger("status_count")).isZero();
                assertThat(v1.getJsonObject("stats").getInteger("domain_count")).isZero();
                assertThat(v1.getBoolean("registrations")).isTrue();
                assertThat(v1.getBoolean("approval_required")).isFalse();
                assertThat(v1.getBoolean("invites_enabled")).isFalse();
                assertThat(v1.getValue("thumbnail")).isNull();
                assertThat(v1.getValue("contact_account")).isNull();
                assertThat(v1.getJsonObject("configuration").getJsonObject("statuses").getInteger("max_characters"))
                        .isEqualTo(5000);
                assertThat(v1.getJsonObject("configuration").getJsonObject("accounts")
                        .getInteger("max_featured_tags")).isPositive();
                assertThat(v1.getJsonObject("urls").getString("streaming_api")).startsWith("ws://");

                JsonObject v2 = api.get("/api/v2/instance", null).json();
                assertThat(v2.getString("domain")).isEqualTo(chorus.config().domain());
                assertThat(v2.getString("version")).isEqualTo(v1.getString("version"));
                assertThat(v2.getJsonObject("usage").getJsonObject("users").getInteger("active_month")).isZero();
                assertThat(v2.getJsonObject("thumbnail").getString("url")).startsWith(base + "/");
                assertThat(v2.getJsonObject("registrations").getBoolean("enabled")).isTrue();
                assertThat(v2.getJsonObject("registrations").getBoolean("approval_required")).isFalse();
                assertThat(v2.getJsonObject("configuration").getJsonObject("translation").getBoolean("enabled"))
                        .isFalse();
                assertThat(v2.getJsonObject("configuration").getJsonObject("statuses").getInteger("max_characters"))
                        .isEqualTo(5000);
                assertThat(v2.getJsonObject("contact").containsKey("account")).isTrue();
                assertThat(v2.getJsonArray("rules")).isEmpty();
                assertThat(v2.getJsonArray("languages").getList()).containsExactly("en");
            } finally {
                chorus.stop();
            }
        }
    }
}
