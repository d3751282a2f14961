package social.chorus.federation.rig;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import social.chorus.app.Chorus;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;

/** A person signed up on one instance and driven through its client API with a user token. */
public record ApiPerson(ApiTestClient api, String token, String id, String handle) {
    /** Registers an app, signs {@code username} up through the API and keeps the user token. */
    public static ApiPerson signUp(Chorus instance, String username) {
        ApiTestClient api = new ApiTestClient(instance);
        JsonObject app = api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow");
        Response registered = api.registerAccount(api.appToken(app, "read write follow"), username,
                "a long enough password");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        String token = registered.json().getString("access_token");
        JsonObject me = api.get("/api/v1/accounts/verify_credentials", token).json();
        return new ApiPerson(api, token, me.getString("id"), "@" + username + "@" + instance.config().domain());
    }

    public Response get(String path) {
        return api.get(path, token);
    }

    public Response post(String path) {
        return api.postForm(path, Map.of(), token);
    }

    public Response post(String path, Map<String, String> form) {
        return api.postForm(path, form, token);
    }

    public Response patch(String path, Map<String, String> form) {
        return api.patchForm(path, form, token);
    }

    /** {@code other} as this person's instance knows it, found by a resolving search. */
    public JsonObject resolveAccount(ApiPerson other) {
        Response found = get("/api/v2/search?type=accounts&resolve=true&q=" + other.handle().replace("@", "%40"));
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        JsonArray accounts = found.json().getJsonArray("accounts");
        assertThat(accounts).as("search for " + other.handle() + ": " + found.body()).hasSize(1);
        return accounts.getJsonObject(0);
    }

    /** The id this person's instance gives {@code other}. */
    public String resolve(ApiPerson other) {
        return resolveAccount(other).getString("id");
    }

    /** This person's relationship to the account with {@code otherId} on their own instance. */
    public JsonObject relationship(String otherId) {
        Response r = get("/api/v1/accounts/relationships?id[]=" + otherId);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new JsonArray(r.body()).getJsonObject(0);
    }
}
