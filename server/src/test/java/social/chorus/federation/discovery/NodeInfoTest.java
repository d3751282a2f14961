package social.chorus.federation.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.process.account.SignUp;
import social.chorus.testing.TestDatabase;

/** NodeInfo and host-meta on a running instance, with counts from the real tables, on each database. */
class NodeInfoTest {
    private static final String SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/";

    private static JsonObject users(TestInstance in) throws Exception {
        return in.getJson("/nodeinfo/2.1", null, 200).getJsonObject("usage").getJsonObject("users");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void documentsPointAtEachOtherAndHaveTheRightShape(TestDatabase.Kind kind) throws Exception {
        try (TestInstance in = TestInstance.start(kind, Map.of("CHORUS_REGISTRATIONS", "approval"))) {
            HttpResponse<String> wellKnown = in.get("/.well-known/nodeinfo", null);
            assertThat(wellKnown.statusCode()).isEqualTo(200);
            assertThat(wellKnown.headers().firstValue("access-control-allow-origin")).hasValue("*");
            assertThat(new JsonObject(wellKnown.body())).isEqualTo(new JsonObject().put("links", new JsonArray()
                    .add(new JsonObject().put("rel", SCHEMA + "2.1").put("href", in.base() + "/nodeinfo/2.1"))
                    .add(new JsonObject().put("rel", SCHEMA + "2.0").put("href", in.base() + "/nodeinfo/2.0"))));

            for (String version : new String[] {"2.1", "2.0"}) {
                HttpResponse<String> r = in.get("/nodeinfo/" + version, null);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("content-type"))
                        .hasValue("application/json; profile=\"" + SCHEMA + version + "#\"");
                assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("*");
                JsonObject doc = new JsonObject(r.body());
                assertThat(doc.fieldNames()).containsExactlyInAnyOrder("version", "software", "protocols",
                        "services", "openRegistrations", "usage", "metadata");
                assertThat(doc.getString("version")).isEqualTo(version);
                assertThat(doc.getJsonObject("software").getString("name")).isEqualTo("chorus");
                assertThat(doc.getJsonObject("software").getString("version")).isEqualTo("development");
                if (version.equals("2.0")) {
                    assertThat(doc.getJsonObject("software").fieldNames()).containsExactlyInAnyOrder("name",
                            "version");
                }
                assertThat(doc.getJsonArray("protocols")).containsExactly("activitypub");
                assertThat(doc.getJsonObject("services")).isEqualTo(new JsonObject()
                        .put("inbound", new JsonArray()).put("outbound", new JsonArray()));
                assertThat(doc.getBoolean("openRegistrations")).isTrue();
                assertThat(doc.getJsonObject("usage")).isEqualTo(new JsonObject()
                        .put("users", new JsonObject().put("total", 0).put("activeMonth", 0)
                                .put("activeHalfyear", 0))
                        .put("localPosts", 0));
                assertThat(doc.getJsonObject("metadata").getString("nodeName")).isEqualTo(in.domain());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void countsFollowTheTables(TestDatabase.Kind kind) throws Exception {
        try (TestInstance in = TestInstance.start(kind, Map.of("CHORUS_REGISTRATIONS", "approval"))) {
            assertThat(users(in).getInteger("total")).as("the instance actor is not a user").isZero();

            in.signUp("alice", "Alice", SignUp.Origin.OPERATOR);
            assertThat(users(in).getInteger("total")).isEqualTo(1);

            in.signUp("pending", "Pending", SignUp.Origin.PUBLIC);
            assertThat(users(in).getInteger("total")).as("awaiting approval").isEqualTo(1);
            in.signUp("bob", "Bob", SignUp.Origin.OPERATOR);
            in.signUp("carol", "Carol", SignUp.Origin.OPERATOR);
            in.signUp("dora", "Dora", SignUp.Origin.OPERATOR);
            in.chorus.services().accounts().setDisabled("dora", true).await();
            assertThat(users(in).getInteger("total")).as("disabled").isEqualTo(3);

            // Sign-ins 10, 100 and 200 days ago (sign-in itself is another part of the issue).
            signedIn(in, "alice", 10);
            signedIn(in, "bob", 100);
            signedIn(in, "carol", 200);
            signedIn(in, "dora", 1); // disabled: never counted
            signedIn(in, "pending", 1); // not approved: never counted
            in.db.adminExecute("UPDATE account SET statuses_count = 4 WHERE username = 'alice'");
            in.db.adminExecute("UPDATE account SET statuses_count = 3 WHERE username = 'dora'");

            JsonObject usage = in.getJson("/nodeinfo/2.0", null, 200).getJsonObject("usage");
            assertThat(usage.getJsonObject("users")).isEqualTo(new JsonObject().put("total", 3)
                    .put("activeMonth", 1).put("activeHalfyear", 2));
            assertThat(usage.getLong("localPosts")).isEqualTo(7);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void closedRegistrationsAndHostMeta(TestDatabase.Kind kind) throws Exception {
        try (TestInstance in = TestInstance.start(kind, Map.of("CHORUS_REGISTRATIONS", "closed"))) {
            assertThat(in.getJson("/nodeinfo/2.1", null, 200).getBoolean("openRegistrations")).isFalse();

            String template = in.base() + "/.well-known/webfinger?resource={uri}";
            HttpResponse<String> xrd = in.get("/.well-known/host-meta", null);
            assertThat(xrd.statusCode()).isEqualTo(200);
            assertThat(xrd.headers().firstValue("content-type")).hasValue("application/xrd+xml; charset=utf-8");
            assertThat(xrd.headers().firstValue("access-control-allow-origin")).hasValue("*");
            assertThat(xrd.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                    .contains("<XRD xmlns=\"http://docs.oasis-open.org/ns/xri/xrd-1.0\">")
                    .contains("<Link rel=\"lrdd\" template=\"" + template + "\"/>");

            HttpResponse<String> json = in.get("/.well-known/host-meta.json", null);
            assertThat(json.headers().firstValue("content-type")).hasValue("application/jrd+json; charset=utf-8");
            assertThat(json.headers().firstValue("access-control-allow-origin")).hasValue("*");
            assertThat(new JsonObject(json.body())).isEqualTo(new JsonObject().put("links", new JsonArray()
                    .add(new JsonObject().put("rel", "lrdd").put("template", template))));
        }
    }

    private static void signedIn(TestInstance in, String username, int daysAgo) {
        // Stored as UTC without a zone, as Chorus stores every DATETIME.
        String when = LocalDateTime.now(ZoneOffset.UTC).minusDays(daysAgo)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        in.db.adminExecute("UPDATE local_user SET last_sign_in_at = '" + when + "'"
                + " WHERE account_id = (SELECT id FROM account WHERE username = '" + username + "')");
    }
}
