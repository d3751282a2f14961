package social.chorus.federation.deref;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WebFinger against stubs shaped like the JRDs real servers send (Mastodon 4.x, GoToSocial,
 * Misskey, Pleroma/Akkoma), with the test server's host in place of theirs. {@code H} is the
 * host (with port) and {@code B} the base URL in the templates below.
 */
class WebFingerClientTest {
    static final String MASTODON = """
            {"subject":"acct:Gargron@H","aliases":["B/@Gargron","B/users/Gargron"],"links":[
             {"rel":"http://webfinger.net/rel/profile-page","type":"text/html","href":"B/@Gargron"},
             {"rel":"self","type":"application/activity+json","href":"B/users/Gargron"},
             {"rel":"http://ostatus.org/schema/1.0/subscribe","template":"B/authorize_interaction?uri={uri}"},
             {"rel":"http://webfinger.net/rel/avatar","type":"image/png",
              "href":"https://files.mastodon.example/accounts/avatars/000/000/001/original/a.png"}]}""";
    static final String GOTOSOCIAL = """
            {"subject":"acct:tobi@H","aliases":["B/users/tobi","B/@tobi"],"links":[
             {"rel":"http://webfinger.net/rel/profile-page","type":"text/html","href":"B/@tobi"},
             {"rel":"self","type":"application/activity+json","href":"B/users/tobi"}]}""";
    static final String MISSKEY = """
            {"subject":"acct:syuilo@H","links":[
             {"rel":"self","type":"application/activity+json","href":"B/users/9byeqbs7ar"},
             {"rel":"http://webfinger.net/rel/profile-page","type":"text/html","href":"B/@syuilo"},
             {"rel":"http://ostatus.org/schema/1.0/subscribe","template":"B/authorize-follow?acct={uri}"}]}""";
    static final String PLEROMA = """
            {"aliases":["B/users/lain"],"links":[
             {"href":"B/users/lain","rel":"http://webfinger.net/rel/profile-page","type":"text/html"},
             {"href":"B/users/lain","rel":"self",
              "type":"application/ld+json; profile=\\"https://www.w3.org/ns/activitystreams\\""},
             {"rel":"http://ostatus.org/schema/1.0/subscribe","template":"B/ostatus_subscribe?acct={uri}"}],
             "subject":"acct:lain@H"}""";

    private final OutboundRig rig = new OutboundRig();

    @AfterEach
    void close() {
        rig.close();
    }

    private String host() {
        return "localhost:" + rig.wm.port();
    }

    private String fill(String template, String host) {
        return template.replace("B/", "http://" + host + "/").replace("@H\"", "@" + host + "\"");
    }

    private void stubJrd(String resource, String body, String contentType) {
        rig.wm.stubFor(get(urlPathEqualTo("/.well-known/webfinger")).withQueryParam("resource", equalTo(resource))
                .willReturn(aResponse().withHeader("Content-Type", contentType).withBody(body)));
    }

    private WebFingerClient client() {
        return rig.devOutbound().webFinger();
    }

    private static WebFingerException webFingerFailure(Future<?> f) {
        Throwable t = OutboundRig.failure(f);
        assertThat(t).isInstanceOf(WebFingerException.class);
        return (WebFingerException) t;
    }

    @Test
    void mastodonJrd() {
        stubJrd("acct:Gargron@" + host(), fill(MASTODON, host()), "application/jrd+json; charset=utf-8");
        WebFingerResult r = client().resolve("@Gargron@" + host()).await();
        assertThat(r.actorId()).isEqualTo("http://" + host() + "/users/Gargron");
        assertThat(r.subject()).isEqualTo(new Handle("Gargron", host()));
        assertThat(r.profileUrl()).contains("http://" + host() + "/@Gargron");
        assertThat(rig.wm.findAll(getRequestedFor(urlPathEqualTo("/.well-known/webfinger"))).get(0).getHeader("Accept"))
                .isEqualTo("application/jrd+json, application/json");
    }

    @Test
    void goToSocialJrd() {
        stubJrd("acct:tobi@" + host(), fill(GOTOSOCIAL, host()), "application/jrd+json");
        WebFingerResult r = client().resolve("tobi@" + host()).await();
        assertThat(r.actorId()).isEqualTo("http://" + host() + "/users/tobi");
        assertThat(r.profileUrl()).contains("http://" + host() + "/@tobi");
    }

    @Test
    void misskeyJrdWithAnIdBasedActorUrl() {
        stubJrd("acct:syuilo@" + host(), fill(MISSKEY, host()), "application/jrd+json");
        WebFingerResult r = client().resolve("acct:syuilo@" + host()).await();
        assertThat(r.actorId()).isEqualTo("http://" + host() + "/users/9byeqbs7ar");
        assertThat(r.subject().username()).isEqualTo("syuilo");
    }

    @Test
    void pleromaJrdWithLdJsonSelfLinkAndPlainJsonContentType() {
        stubJrd("acct:lain@" + host(), fill(PLEROMA, host()), "application/json; charset=utf-8");
        WebFingerResult r = client().resolve("lain@" + host()).await();
        assertThat(r.actorId()).isEqualTo("http://" + host() + "/users/lain");
    }

    @Test
    void handleCaseDoesNotMatterForTheSubjectCheck() {
        stubJrd("acct:GARGRON@" + host(), fill(MASTODON, host()), "application/jrd+json");
        WebFingerResult r = client().resolve("GARGRON@" + host().toUpperCase()).await();
        assertThat(r.subject().username()).isEqualTo("Gargron");
    }

    @Test
    void unknownAccountIsNotFound() {
        rig.wm.stubFor(get(urlPathEqualTo("/.well-known/webfinger")).willReturn(aResponse().withStatus(404)));
        assertThat(webFingerFailure(client().resolve("nobody@" + host())).reason())
                .isEqualTo(WebFingerException.Reason.NOT_FOUND);
    }

    @Test
    void jrdWithoutAnActivityPubSelfLinkHasNoSelfLink() {
        stubJrd("acct:a@" + host(), "{\"subject\":\"acct:a@" + host() + "\",\"links\":[{\"rel\":\"self\","
                + "\"type\":\"text/html\",\"href\":\"http://" + host() + "/a\"},{\"rel\":\"http://webfinger.net/rel/"
                + "profile-page\",\"href\":\"http://" + host() + "/@a\"}]}", "application/jrd+json");
        stubJrd("acct:b@" + host(), "{\"subject\":\"acct:b@" + host() + "\"}", "application/jrd+json");
        for (String user : new String[] {"a", "b"}) {
            assertThat(webFingerFailure(client().resolve(user + "@" + host())).reason())
                    .isEqualTo(WebFingerException.Reason.NO_SELF_LINK);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json", "[]", "{\"links\":\"self\"}", "{\"subject\":\"acct:\",\"links\":[]}",
        "{\"links\":[{\"rel\":\"self\",\"type\":\"application/activity+json\",\"href\":\"javascript:alert(1)\"}]}"
    })
    void malformedJrdIsRefused(String body) {
        stubJrd("acct:m@" + host(), body, "application/jrd+json");
        assertThat(webFingerFailure(client().resolve("m@" + host())).reason())
                .isEqualTo(WebFingerException.Reason.MALFORMED_JRD);
    }

    @Test
    void htmlAnswerIsABadContentType() {
        stubJrd("acct:h@" + host(), "<html></html>", "text/html");
        FetchException e = OutboundRig.fetchFailure(client().resolve("h@" + host()));
        assertThat(e.reason()).isEqualTo(FetchException.Reason.BAD_CONTENT_TYPE);
    }

    @Test
    void subjectOnAnotherHostIsAcceptedWhenThatHostConfirmsIt() {
        // alice@localhost:P is served by "127.0.0.1:P" (a WEB_DOMAIN/LOCAL_DOMAIN split), which confirms it
        String other = "127.0.0.1:" + rig.wm.port();
        String jrd = fill(GOTOSOCIAL.replace("tobi", "alice"), other);
        stubJrd("acct:alice@" + host(), jrd, "application/jrd+json");
        stubJrd("acct:alice@" + other, jrd, "application/jrd+json");
        WebFingerResult r = client().resolve("alice@" + host()).await();
        assertThat(r.subject()).isEqualTo(new Handle("alice", other));
        assertThat(r.actorId()).isEqualTo("http://" + other + "/users/alice");
    }

    @Test
    void subjectOnAnotherHostThatDoesNotConfirmIsAMismatch() {
        String other = "127.0.0.1:" + rig.wm.port();
        stubJrd("acct:alice@" + host(), fill(GOTOSOCIAL.replace("tobi", "alice"), other), "application/jrd+json");
        stubJrd("acct:alice@" + other, fill(GOTOSOCIAL.replace("tobi", "alice"), other)
                .replace("/users/alice\"}", "/users/someone-else\"}"), "application/jrd+json");
        assertThat(webFingerFailure(client().resolve("alice@" + host())).reason())
                .isEqualTo(WebFingerException.Reason.SUBJECT_MISMATCH);
    }

    @Test
    void handleForms() {
        assertThat(Handle.parse("@alice@Social.Example")).isEqualTo(new Handle("alice", "social.example"));
        assertThat(Handle.parse("alice@social.example")).isEqualTo(new Handle("alice", "social.example"));
        assertThat(Handle.parse("ACCT:alice@social.example:8443")).isEqualTo(new Handle("alice", "social.example:8443"));
        assertThat(Handle.parse("alice@social.example:443").host()).isEqualTo("social.example");
        assertThat(Handle.parse("alice@bücher.example").host()).isEqualTo("xn--bcher-kva.example");
        assertThat(Handle.parse("Jo.Doe-1@lemmy.example").acct()).isEqualTo("acct:Jo.Doe-1@lemmy.example");
        assertThat(Handle.looksLikeHandle("@alice@a.example")).isTrue();
        assertThat(Handle.looksLikeHandle("https://a.example/@alice")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice", "@alice", "alice@", "@@a.example", "a@b@c.example", "alice@a.example/x",
        "al ice@a.example", "alice@a.example?x", "alice@user@10.0.0.1", "<script>@a.example"})
    void invalidHandlesAreRefused(String text) {
        assertThatThrownBy(() -> Handle.parse(text)).isInstanceOfSatisfying(WebFingerException.class,
                e -> assertThat(e.reason()).isEqualTo(WebFingerException.Reason.INVALID_HANDLE));
        assertThat(webFingerFailure(client().resolve(text)).reason())
                .isEqualTo(WebFingerException.Reason.INVALID_HANDLE);
    }
}
