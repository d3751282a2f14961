package social.chorus.federation.deref;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import social.chorus.federation.sig.SigningKey;
import social.chorus.federation.vocab.AsActor;
import social.chorus.federation.vocab.JsonLdReader;

class RemoteActorResolverTest {
    static final SigningKey INSTANCE_KEY = OutboundRig.signingKey("https://chorus.test/actor#main-key");

    private final OutboundRig rig = new OutboundRig();

    @AfterEach
    void close() {
        rig.close();
    }

    private RemoteActorResolver resolver(Outbound out) {
        return new RemoteActorResolver(rig.vertx, out.fetcher(), out.webFinger(), new JsonLdReader(),
                () -> Future.succeededFuture(INSTANCE_KEY));
    }

    private RemoteActorResolver resolver() {
        return resolver(rig.devOutbound());
    }

    private void serve(String path, JsonObject doc) {
        rig.wm.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", ActorDocs.AS)
                .withBody(doc.encode())));
    }

    private static ResolveException resolveFailure(Future<?> f) {
        Throwable t = OutboundRig.failure(f);
        assertThat(t).isInstanceOf(ResolveException.class);
        return (ResolveException) t;
    }

    @Test
    void fetchesAMastodonActorWithASignedGet() {
        serve("/users/bob", ActorDocs.person(rig.base(), "bob"));

        AsActor bob = resolver().fetchActor(rig.base() + "/users/bob").await();

        assertThat(bob.id()).isEqualTo(rig.base() + "/users/bob");
        assertThat(bob.preferredUsername()).isEqualTo("bob");
        assertThat(bob.inbox()).isEqualTo(rig.base() + "/users/bob/inbox");
        assertThat(bob.sharedInbox()).isEqualTo(rig.base() + "/inbox");
        assertThat(bob.publicKey().id()).isEqualTo(rig.base() + "/users/bob#main-key");
        var sent = rig.wm.findAll(getRequestedFor(urlEqualTo("/users/bob"))).get(0);
        assertThat(OutboundRig.verified(sent).keyId()).isEqualTo(INSTANCE_KEY.keyId());
    }

    @Test
    void resolvesAHandleThroughWebFinger() {
        rig.wm.stubFor(get(urlPathEqualTo("/.well-known/webfinger"))
                .withQueryParam("resource", equalTo("acct:bob@localhost:" + rig.wm.port()))
                .willReturn(aResponse().withHeader("Content-Type", "application/jrd+json")
                        .withBody(WebFingerClientTest.GOTOSOCIAL.replace("tobi", "bob")
                                .replace("B/", rig.base() + "/").replace("@H\"", "@localhost:" + rig.wm.port() + "\""))));
        serve("/users/bob", ActorDocs.person(rig.base(), "bob"));

        AsActor bob = resolver().resolve("@bob@localhost:" + rig.wm.port()).await();

        assertThat(bob.id()).isEqualTo(rig.base() + "/users/bob");
    }

    @Test
    void aProfileUrlServingTheActorOfTheSameOriginIsAccepted() {
        serve("/@bob", ActorDocs.person(rig.base(), "bob"));
        AsActor bob = resolver().resolve(rig.base() + "/@bob").await();
        assertThat(bob.id()).isEqualTo(rig.base() + "/users/bob");
        assertThat(rig.wm.getAllServeEvents()).hasSize(1);
    }

    @Test
    void anIdOnAnotherOriginIsFetchedFromThereAndMustMatch() {
        // served as 127.0.0.1:P, claims an id on localhost:P, which confirms it
        serve("/@bob", ActorDocs.person(rig.base("localhost"), "bob"));
        serve("/users/bob", ActorDocs.person(rig.base("localhost"), "bob"));
        AsActor bob = resolver().fetchActor(rig.base("127.0.0.1") + "/@bob").await();
        assertThat(bob.id()).isEqualTo(rig.base("localhost") + "/users/bob");
        assertThat(rig.wm.findAll(getRequestedFor(urlEqualTo("/users/bob")))).hasSize(1);
    }

    @Test
    void aKeyOnlyStubLeadsToItsActorOnTheSameOrigin() {
        // GoToSocial serves a stub at its key URL: the actor's id, type, username and key, no inbox.
        JsonObject actor = ActorDocs.person(rig.base(), "carol");
        JsonObject stub = new JsonObject().put("@context", actor.getValue("@context")).put("id", actor.getString("id"))
                .put("type", "Person").put("preferredUsername", "carol").put("publicKey", actor.getJsonObject("publicKey"));
        serve("/users/carol/main-key", stub);
        serve("/users/carol", actor);
        AsActor carol = resolver().fetchActor(rig.base() + "/users/carol/main-key").await();
        assertThat(carol.inbox()).isEqualTo(rig.base() + "/users/carol/inbox");
        assertThat(rig.wm.findAll(getRequestedFor(urlEqualTo("/users/carol")))).hasSize(1);

        // the same stub served at the actor's own URL is refused: there is no actor behind it
        serve("/users/dave", stub.copy().put("id", rig.base() + "/users/dave"));
        assertThat(resolveFailure(resolver().fetchActor(rig.base() + "/users/dave")).reason())
                .isEqualTo(ResolveException.Reason.NOT_AN_ACTOR);
    }

    @Test
    void anActorClaimingAnotherServersIdIsRefused() {
        // 127.0.0.1:P serves a document claiming to be localhost:P's victim; the real victim differs
        JsonObject forged = ActorDocs.person(rig.base("localhost"), "victim");
        forged.put("inbox", rig.base("127.0.0.1") + "/steal");
        serve("/evil", forged);
        serve("/users/victim", ActorDocs.person(rig.base("localhost"), "victim")
                .put("id", rig.base("localhost") + "/users/victim2"));
        assertThat(resolveFailure(resolver().fetchActor(rig.base("127.0.0.1") + "/evil")).reason())
                .isEqualTo(ResolveException.Reason.ORIGIN_MISMATCH);
    }

    @Test
    void anActorClaimingAnIdThatDoesNotExistIsRefused() {
        serve("/evil", ActorDocs.person(rig.base("localhost"), "nobody"));
        rig.wm.stubFor(get(urlEqualTo("/users/nobody")).willReturn(aResponse().withStatus(404)));
        ResolveException e = resolveFailure(resolver().fetchActor(rig.base("127.0.0.1") + "/evil"));
        assertThat(e.reason()).isEqualTo(ResolveException.Reason.ORIGIN_MISMATCH);
        assertThat(e.getCause()).isInstanceOf(FetchException.class);
    }

    @Test
    void documentsThatAreNotActorsAreRefused() {
        serve("/notes/1", ActorDocs.note(rig.base()));
        JsonObject noInbox = ActorDocs.person(rig.base(), "x");
        noInbox.remove("inbox");
        serve("/users/x", noInbox);
        rig.wm.stubFor(get(urlEqualTo("/broken")).willReturn(aResponse().withHeader("Content-Type", ActorDocs.AS)
                .withBody("{\"id\": ")));
        RemoteActorResolver r = resolver();
        assertThat(resolveFailure(r.fetchActor(rig.base() + "/notes/1")).reason())
                .isEqualTo(ResolveException.Reason.NOT_AN_ACTOR);
        assertThat(resolveFailure(r.fetchActor(rig.base() + "/users/x")).reason())
                .isEqualTo(ResolveException.Reason.NOT_AN_ACTOR);
        assertThat(resolveFailure(r.fetchActor(rig.base() + "/broken")).reason())
                .isEqualTo(ResolveException.Reason.UNREADABLE);
    }

    @Test
    void aWebFingerPointingAtLoopbackOrMetadataIsRefusedWithTheGuardOn() {
        // The test server is reachable only as 127.0.0.2; its JRDs point at 127.0.0.1 and at cloud metadata
        String allowedHost = "127.0.0.2:" + rig.wm.port();
        rig.wm.stubFor(get(urlPathEqualTo("/.well-known/webfinger"))
                .withQueryParam("resource", equalTo("acct:bob@" + allowedHost))
                .willReturn(aResponse().withHeader("Content-Type", "application/jrd+json").withBody(
                        "{\"subject\":\"acct:bob@" + allowedHost + "\",\"links\":[{\"rel\":\"self\",\"type\":"
                                + "\"application/activity+json\",\"href\":\"" + rig.base("127.0.0.1") + "/users/bob\"}]}")));
        rig.wm.stubFor(get(urlPathEqualTo("/.well-known/webfinger"))
                .withQueryParam("resource", equalTo("acct:meta@" + allowedHost))
                .willReturn(aResponse().withHeader("Content-Type", "application/jrd+json").withBody(
                        "{\"subject\":\"acct:meta@" + allowedHost + "\",\"links\":[{\"rel\":\"self\",\"type\":"
                                + "\"application/activity+json\",\"href\":\"http://169.254.169.254/latest/\"}]}")));
        serve("/users/bob", ActorDocs.person(rig.base("127.0.0.1"), "bob"));
        RemoteActorResolver guarded = resolver(rig.outbound(OutboundRig.guardOnExcept127_0_0_2(),
                OutboundRig.options(Duration.ofSeconds(10))));

        for (String handle : new String[] {"bob@" + allowedHost, "meta@" + allowedHost}) {
            long start = System.nanoTime();
            FetchException e = OutboundRig.fetchFailure(guarded.resolve(handle));
            assertThat(e.reason()).as(handle).isEqualTo(FetchException.Reason.REFUSED_ADDRESS);
            // refused before connecting: well inside the 10 s timeout, with room for a loaded machine
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
        }
        assertThat(rig.wm.findAll(getRequestedFor(urlEqualTo("/users/bob")))).isEmpty();
    }

    @Test
    void collectionSizesAreReadAndOffOriginCollectionsIgnored() {
        JsonObject doc = ActorDocs.person(rig.base(), "bob");
        serve("/users/bob", doc);
        serve("/users/bob/followers", ActorDocs.collection(rig.base() + "/users/bob/followers", 42));
        RemoteActorResolver r = resolver();
        AsActor bob = r.fetchActor(rig.base() + "/users/bob").await();
        assertThat(r.collectionSize(bob, bob.followers()).await()).contains(42L);
        assertThat(r.collectionSize(bob, rig.base("127.0.0.1") + "/users/bob/followers").await()).isEmpty();
        assertThat(r.collectionSize(bob, rig.base() + "/users/bob/missing").await()).isEmpty();
        assertThat(r.collectionSize(bob, null).await()).isEmpty();
    }

    @Test
    void withoutAnInstanceKeyNothingIsFetched() {
        Outbound out = rig.devOutbound();
        RemoteActorResolver r = new RemoteActorResolver(rig.vertx, out.fetcher(), out.webFinger(), new JsonLdReader(),
                () -> Future.failedFuture(new IllegalStateException("the instance actor is not loaded")));
        assertThat(OutboundRig.failure(r.fetchActor(rig.base() + "/users/bob")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(rig.wm.getAllServeEvents()).isEmpty();
    }
}
