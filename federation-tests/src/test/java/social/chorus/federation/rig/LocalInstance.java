package social.chorus.federation.rig;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.security.PublicKey;
import java.util.Map;
import social.chorus.app.Chorus;
import social.chorus.federation.sig.Pem;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * A Chorus instance started in-process on its own database and port, with loopback peers allowed
 * and open registrations, driven through the client API as an app would drive it.
 */
public final class LocalInstance implements AutoCloseable {
    private final TestDatabase db;
    private final Chorus chorus;
    private final ApiTestClient api;

    private LocalInstance(TestDatabase db, Chorus chorus) {
        this.db = db;
        this.chorus = chorus;
        this.api = new ApiTestClient(chorus);
    }

    public static LocalInstance start(TestDatabase.Kind kind) {
        return start(kind, Map.of());
    }

    /** @param extraEnv settings on top of the development ones (e.g. a domain a proxy answers for) */
    public static LocalInstance start(TestDatabase.Kind kind, Map<String, String> extraEnv) {
        TestDatabase db = TestDatabase.create(kind);
        try {
            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "CHORUS_ALLOW_PRIVATE_ADDRESSES", "true", "CHORUS_REGISTRATIONS", "open"));
            env.putAll(extraEnv);
            return new LocalInstance(db, Chorus.start(TestConfig.of(db, env)));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** A signed-in person on one instance, driven through the client API. */
    public record Person(LocalInstance instance, String token, String id, String username) {
        public Response get(String path) {
            return instance.api.get(path, token);
        }

        public Response post(String path) {
            return instance.api.postForm(path, Map.of(), token);
        }

        /** Its ActivityPub actor document, as other servers fetch it. */
        public JsonObject actor() {
            return instance.activityJson("/users/" + username);
        }

        public String uri() {
            return actor().getString("id");
        }

        /** The RSA key its actor document publishes, which signs its deliveries. */
        public PublicKey publishedKey() {
            return Pem.decodePublic(actor().getJsonObject("publicKey").getString("publicKeyPem"));
        }

        /** The id this instance gives a remote account, found by a resolving search for its handle. */
        public String resolve(String handle) {
            Response found = get("/api/v2/search?type=accounts&resolve=true&q=" + handle.replace("@", "%40")
                    .replace(":", "%3A"));
            assertThat(found.status()).as(found.body()).isEqualTo(200);
            JsonArray accounts = found.json().getJsonArray("accounts");
            assertThat(accounts).as("search for " + handle + ": " + found.body()).hasSize(1);
            return accounts.getJsonObject(0).getString("id");
        }

        public JsonObject relationship(String otherId) {
            Response r = get("/api/v1/accounts/relationships?id[]=" + otherId);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return new JsonArray(r.body()).getJsonObject(0);
        }

        /** The accts of its followers, through the client API. */
        public JsonArray followers() {
            Response r = get("/api/v1/accounts/" + id + "/followers");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return new JsonArray(r.body());
        }

        /** {@code totalItems} of its ActivityPub followers collection. */
        public int followersTotal() {
            return instance.activityJson("/users/" + username + "/followers").getInteger("totalItems");
        }

        public JsonArray followRequests() {
            Response r = get("/api/v1/follow_requests");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return new JsonArray(r.body());
        }
    }

    public Person signUp(String username) {
        JsonObject app = api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow");
        Response registered = api.registerAccount(api.appToken(app, "read write follow"), username,
                "a long enough password");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        String token = registered.json().getString("access_token");
        JsonObject me = api.get("/api/v1/accounts/verify_credentials", token).json();
        return new Person(this, token, me.getString("id"), username);
    }

    /** The port the instance listens on (its domain may name a proxy in front of it). */
    public int httpPort() {
        return chorus.httpPort();
    }

    public ApiTestClient api() {
        return api;
    }

    JsonObject activityJson(String path) {
        Response r = api.send(HttpRequest.newBuilder(api.uri(path)).header("Accept", "application/activity+json"));
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    @Override
    public void close() {
        try {
            chorus.stop();
        } finally {
            db.close();
        }
    }
}
