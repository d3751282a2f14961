package social.chorus.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.app.Chorus;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/** Notifications caused by local follows, mentions and replies, and the notifications and markers API. */
class NotificationApiTest {

    private record People(ApiTestClient api, String alice, String bob, String carol, String aliceId, String bobId,
            String carolId) {
    }

    private static String token(ApiTestClient api, String appToken, String name) {
        return api.registerAccount(appToken, name, "correct horse battery").json().getString("access_token");
    }

    private static String id(ApiTestClient api, String token) {
        return api.get("/api/v1/accounts/verify_credentials", token).json().getString("id");
    }

    private static JsonArray list(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new JsonArray(r.body());
    }

    private static List<String> types(Response r) {
        List<String> out = new ArrayList<>();
        list(r).forEach(o -> out.add(((JsonObject) o).getString("type")));
        return out;
    }

    private static String post(ApiTestClient api, String token, Map<String, String> form) {
        Response r = api.postForm("/api/v1/statuses", form, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getString("id");
    }

    private static void withPeople(TestDatabase.Kind kind, java.util.function.Consumer<People> body) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_REGISTRATIONS", "open")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                String app = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow"),
                        "read write follow");
                String alice = token(api, app, "alice");
                String bob = token(api, app, "bob");
                String carol = token(api, app, "carol");
                body.accept(new People(api, alice, bob, carol, id(api, alice), id(api, bob), id(api, carol)));
            } finally {
                chorus.stop();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void followsMentionsAndRepliesNotifyWithFilters(TestDatabase.Kind kind) throws Exception {
        withPeople(kind, p -> {
            ApiTestClient api = p.api();
            assertThat(api.postForm("/api/v1/accounts/" + p.aliceId() + "/follow", Map.of(), p.bob()).status())
                    .isEqualTo(200);
            String own = post(api, p.alice(), Map.of("status", "a question to the room"));
            String reply = post(api, p.bob(), Map.of("status", "an answer", "in_reply_to_id", own));
            String mention = post(api, p.carol(), Map.of("status", "hello @alice"));
            post(api, p.alice(), Map.of("status", "talking to myself @alice")); // no self-notification
            post(api, p.bob(), Map.of("status", "nothing for alice here"));

            Response all = api.get("/api/v1/notifications", p.alice());
            assertThat(types(all)).containsExactly("mention", "mention", "follow");
            JsonArray items = list(all);
            JsonObject newest = items.getJsonObject(0);
            assertThat(newest.getJsonObject("account").getString("id")).isEqualTo(p.carolId());
            assertThat(newest.getJsonObject("status").getString("id")).isEqualTo(mention);
            assertThat(items.getJsonObject(1).getJsonObject("status").getString("id")).isEqualTo(reply);
            assertThat(items.getJsonObject(2).containsKey("status")).isFalse();
            assertThat(items.getJsonObject(2).getJsonObject("account").getString("id")).isEqualTo(p.bobId());

            assertThat(types(api.get("/api/v1/notifications?types[]=follow", p.alice()))).containsExactly("follow");
            assertThat(types(api.get("/api/v1/notifications?exclude_types[]=mention", p.alice())))
                    .containsExactly("follow");
            assertThat(types(api.get("/api/v1/notifications?types[]=nonsense", p.alice()))).isEmpty();
            assertThat(list(api.get("/api/v1/notifications?account_id=" + p.carolId(), p.alice()))).hasSize(1);
            assertThat(list(api.get("/api/v1/notifications", p.bob()))).isEmpty();

            Response page = api.get("/api/v1/notifications?limit=2", p.alice());
            assertThat(list(page)).hasSize(2);
            String next = page.header("Link").orElseThrow();
            String oldestShown = list(page).getJsonObject(1).getString("id");
            assertThat(next).contains("max_id=" + oldestShown).contains("rel=\"next\"").contains("limit=2");
            assertThat(types(api.get("/api/v1/notifications?limit=2&max_id=" + oldestShown, p.alice())))
                    .containsExactly("follow");
            assertThat(api.get("/api/v1/notifications?max_id=abc", p.alice()).status()).isEqualTo(400);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void blocksSilenceAndLockedAccountsGetRequests(TestDatabase.Kind kind) throws Exception {
        withPeople(kind, p -> {
            ApiTestClient api = p.api();
            assertThat(api.postForm("/api/v1/accounts/" + p.carolId() + "/block", Map.of(), p.alice()).status())
                    .isEqualTo(200);
            post(api, p.carol(), Map.of("status", "@alice are you there?"));
            assertThat(list(api.get("/api/v1/notifications", p.alice()))).isEmpty();

            Response locked = api.patchForm("/api/v1/accounts/update_credentials", Map.of("locked", "true"), p.alice());
            assertThat(locked.status()).as(locked.body()).isEqualTo(200);
            assertThat(api.postForm("/api/v1/accounts/" + p.aliceId() + "/follow", Map.of(), p.bob()).status())
                    .isEqualTo(200);
            assertThat(types(api.get("/api/v1/notifications", p.alice()))).containsExactly("follow_request");
            // The request also counts in the signed-in person's own account, as Mastodon shows it.
            assertThat(api.get("/api/v1/accounts/verify_credentials", p.alice()).json().getJsonObject("source")
                    .getInteger("follow_requests_count")).isEqualTo(1);
            assertThat(api.get("/api/v1/accounts/verify_credentials", p.bob()).json().getJsonObject("source")
                    .getInteger("follow_requests_count")).isZero();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void likesBoostsAndEditsOfBoostedPostsNotify(TestDatabase.Kind kind) throws Exception {
        withPeople(kind, p -> {
            ApiTestClient api = p.api();
            String own = post(api, p.alice(), Map.of("status", "worth sharing"));
            assertThat(api.postForm("/api/v1/statuses/" + own + "/favourite", Map.of(), p.bob()).status())
                    .isEqualTo(200);
            // Undone and done again: still one notification.
            assertThat(api.postForm("/api/v1/statuses/" + own + "/unfavourite", Map.of(), p.bob()).status())
                    .isEqualTo(200);
            assertThat(api.postForm("/api/v1/statuses/" + own + "/favourite", Map.of(), p.bob()).status())
                    .isEqualTo(200);
            assertThat(api.postForm("/api/v1/statuses/" + own + "/reblog", Map.of(), p.carol()).status())
                    .isEqualTo(200);
            assertThat(api.postForm("/api/v1/statuses/" + own + "/favourite", Map.of(), p.alice()).status())
                    .isEqualTo(200); // one's own like: nothing

            JsonArray got = list(api.get("/api/v1/notifications", p.alice()));
            assertThat(types(api.get("/api/v1/notifications", p.alice()))).containsExactly("reblog", "favourite");
            assertThat(got.getJsonObject(0).getJsonObject("account").getString("id")).isEqualTo(p.carolId());
            assertThat(got.getJsonObject(0).getJsonObject("status").getString("id")).isEqualTo(own);
            // The status as alice sees it anywhere else: she liked it herself, and it counts its boost.
            assertThat(got.getJsonObject(0).getJsonObject("status").getBoolean("favourited")).isTrue();
            assertThat(got.getJsonObject(0).getJsonObject("status").getInteger("reblogs_count")).isEqualTo(1);
            assertThat(got.getJsonObject(1).getJsonObject("account").getString("id")).isEqualTo(p.bobId());

            Response edit = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/api/v1/statuses/" + own))
                    .header("Authorization", "Bearer " + p.alice())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("status=worth+sharing%2C+edited")));
            assertThat(edit.status()).as(edit.body()).isEqualTo(200);
            // The booster hears of the edit; the one who only liked it does not.
            assertThat(types(api.get("/api/v1/notifications", p.carol()))).containsExactly("update");
            assertThat(list(api.get("/api/v1/notifications", p.bob()))).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void getDismissClearUnreadCountAndMarkers(TestDatabase.Kind kind) throws Exception {
        withPeople(kind, p -> {
            ApiTestClient api = p.api();
            post(api, p.bob(), Map.of("status", "@alice one"));
            post(api, p.bob(), Map.of("status", "@alice two"));
            post(api, p.carol(), Map.of("status", "@alice three"));
            JsonArray items = list(api.get("/api/v1/notifications", p.alice()));
            String newest = items.getJsonObject(0).getString("id");
            String middle = items.getJsonObject(1).getString("id");

            Response one = api.get("/api/v1/notifications/" + middle, p.alice());
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.json().getString("type")).isEqualTo("mention");
            assertThat(api.get("/api/v1/notifications/" + middle, p.bob()).status()).isEqualTo(404);
            assertThat(api.postForm("/api/v1/notifications/" + middle + "/dismiss", Map.of(), p.bob()).status())
                    .isEqualTo(404);

            assertThat(api.get("/api/v1/notifications/unread_count", p.alice()).json().getInteger("count"))
                    .isEqualTo(3);
            Response marked = api.postJson("/api/v1/markers",
                    new JsonObject().put("notifications", new JsonObject().put("last_read_id", middle)).encode(),
                    p.alice());
            assertThat(marked.status()).as(marked.body()).isEqualTo(200);
            assertThat(marked.json().getJsonObject("notifications").getString("last_read_id")).isEqualTo(middle);
            assertThat(marked.json().getJsonObject("notifications").getInteger("version")).isEqualTo(1);
            assertThat(api.get("/api/v1/notifications/unread_count", p.alice()).json().getInteger("count"))
                    .isEqualTo(1);
            Response form = api.postForm("/api/v1/markers", Map.of("notifications[last_read_id]", newest), p.alice());
            assertThat(form.json().getJsonObject("notifications").getInteger("version")).isEqualTo(2);
            JsonObject markers = api.get("/api/v1/markers?timeline[]=notifications&timeline[]=home", p.alice()).json();
            assertThat(markers.getJsonObject("notifications").getString("last_read_id")).isEqualTo(newest);
            assertThat(markers.containsKey("home")).isFalse();
            assertThat(api.postForm("/api/v1/markers", Map.of("bogus[last_read_id]", "1"), p.alice()).status())
                    .isEqualTo(422);
            assertThat(api.postForm("/api/v1/markers", Map.of("home[last_read_id]", "x"), p.alice()).status())
                    .isEqualTo(400);

            assertThat(api.postForm("/api/v1/notifications/" + middle + "/dismiss", Map.of(), p.alice()).status())
                    .isEqualTo(200);
            assertThat(api.get("/api/v1/notifications/" + middle, p.alice()).status()).isEqualTo(404);
            assertThat(list(api.get("/api/v1/notifications", p.alice()))).hasSize(2);
            assertThat(api.postForm("/api/v1/notifications/clear", Map.of(), p.alice()).status()).isEqualTo(200);
            assertThat(list(api.get("/api/v1/notifications", p.alice()))).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void scopesAreEnforced(TestDatabase.Kind kind) throws Exception {
        withPeople(kind, p -> {
            ApiTestClient api = p.api();
            // A token for writing only: its holder may clear but not read notifications.
            String writeOnlyApp = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "write"), "write");
            String dave = token(api, writeOnlyApp, "dave");
            assertThat(dave).isNotNull();
            assertThat(api.get("/api/v1/notifications", dave).status()).isEqualTo(403);
            assertThat(api.get("/api/v1/notifications", null).status()).isEqualTo(401);
            assertThat(api.postForm("/api/v1/notifications/clear", Map.of(), dave).status()).isEqualTo(200);
            assertThat(api.postForm("/api/v1/notifications/clear", Map.of(), p.alice()).status()).isEqualTo(200);
        });
    }
}
