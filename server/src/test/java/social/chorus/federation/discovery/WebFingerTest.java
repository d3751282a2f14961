package social.chorus.federation.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.process.account.SignUp;
import social.chorus.testing.TestDatabase;

/** {@code /.well-known/webfinger} on a running instance, on each database. */
class WebFingerTest {
    private static String q(String resource) {
        return "/.well-known/webfinger?resource=" + URLEncoder.encode(resource, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void findsPeopleAndTheInstanceActor(TestDatabase.Kind kind) throws Exception {
        try (TestInstance in = TestInstance.start(kind)) {
            in.signUp("alice", "Alice", SignUp.Origin.OPERATOR);
            String actor = in.base() + "/users/alice";
            String profile = in.base() + "/@alice";
            JsonObject expected = new JsonObject()
                    .put("subject", "acct:alice@" + in.domain())
                    .put("aliases", new JsonArray().add(actor).add(profile))
                    .put("links", new JsonArray()
                            .add(new JsonObject().put("rel", "self").put("type", "application/activity+json")
                                    .put("href", actor))
                            .add(new JsonObject().put("rel", "http://webfinger.net/rel/profile-page")
                                    .put("type", "text/html").put("href", profile)));

            HttpResponse<String> r = in.get(q("acct:alice@" + in.domain()), null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/jrd+json; charset=utf-8");
            assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("*");
            assertThat(new JsonObject(r.body())).isEqualTo(expected);

            String upperDomain = in.domain().toUpperCase();
            for (String resource : new String[] {"acct:@ALICE@" + in.domain(), "acct:Alice@" + upperDomain,
                    "alice@" + in.domain(), "@alice@" + in.domain(), actor, profile, actor + "#main-key",
                    actor.replace("localhost", "LOCALHOST")}) {
                assertThat(in.getJson(q(resource), null, 200)).as(resource).isEqualTo(expected);
            }

            JsonObject instance = in.getJson(q("acct:instance@" + in.domain()), null, 200);
            assertThat(instance.getString("subject")).isEqualTo("acct:instance@" + in.domain());
            assertThat(instance.getJsonArray("links").getJsonObject(0).getString("href"))
                    .isEqualTo(in.base() + "/actor");
            assertThat(in.getJson(q(in.base() + "/actor"), null, 200)).isEqualTo(instance);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void refusesWhatItCannotAnswer(TestDatabase.Kind kind) throws Exception {
        try (TestInstance in = TestInstance.start(kind)) {
            in.signUp("alice", "Alice", SignUp.Origin.OPERATOR);
            // Unknown here, or not here at all: 404.
            for (String resource : new String[] {"acct:nobody@" + in.domain(), "acct:alice@elsewhere.example",
                    "acct:alice@" + in.domain() + ".evil.example", "https://elsewhere.example/users/alice",
                    in.base().replace("http:", "https:") + "/users/alice", in.base() + "/users/nobody",
                    in.base() + "/users/instance", in.base() + "/somewhere/else", "acct:al.ice@" + in.domain()}) {
                HttpResponse<String> r = in.get(q(resource), null);
                assertThat(r.statusCode()).as(resource).isEqualTo(404);
                assertThat(new JsonObject(r.body()).getString("error")).isEqualTo("Account not found");
                assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("*");
            }
            // Missing or unparsable: 400.
            for (String path : new String[] {"/.well-known/webfinger", "/.well-known/webfinger?resource=",
                    q("alice"), q("acct:alice"), q("acct:@" + in.domain()), q("acct:alice@"),
                    q("acct:a@b@" + in.domain()), q("mailto:alice@" + in.domain()), q("https://"),
                    q("http://exa mple.com/x"),
                    q("acct:alice@" + in.domain()) + "&resource=x", q("acct:" + "a".repeat(3000) + "@x")}) {
                HttpResponse<String> r = in.get(path, null);
                assertThat(r.statusCode()).as(path).isEqualTo(400);
                assertThat(new JsonObject(r.body()).getString("error")).isNotBlank();
                assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("*");
            }
            String broken = in.rawGet("/.well-known/webfinger?resource=%zz");
            assertThat(broken).startsWith("HTTP/1.1 400 ").contains("{\"error\":");
        }
    }
}
