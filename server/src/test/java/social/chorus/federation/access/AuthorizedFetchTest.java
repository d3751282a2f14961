package social.chorus.federation.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.app.Chorus;
import social.chorus.app.config.ConfigLoader;
import social.chorus.federation.sig.HttpHeaders;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.federation.sig.RequestSigner;
import social.chorus.federation.sig.SignatureStyle;
import social.chorus.federation.sig.SigningKey;
import social.chorus.model.Account;
import social.chorus.process.account.SignUp;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.RemoteActors;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * {@code CHORUS_AUTHORIZED_FETCH} over real HTTP: unsigned or badly signed requests see only an
 * actor's key and no collections; requests signed by a remote actor (WireMock, its key fetched by
 * the instance) see everything unless the owner blocks the signer; the instance actor, WebFinger
 * and NodeInfo stay public; without the setting nothing changes.
 */
@Timeout(120)
class AuthorizedFetchTest {
    private static final String AP = "application/activity+json";
    private static final List<String> COLLECTIONS = List.of("followers", "following", "outbox",
            "collections/featured");
    private static final List<String> FULL_ONLY = List.of("name", "summary", "url", "followers", "following",
            "featured", "manuallyApprovesFollowers", "discoverable", "indexable", "published");
    private static final Clock NOW = Clock.systemUTC();

    /** One instance (plus a remote server) for one test. */
    private static final class Rig implements AutoCloseable {
        final TestDatabase db;
        final Chorus chorus;
        final ApiTestClient api;
        final RemoteActors remote = new RemoteActors();
        final Account alice;

        Rig(TestDatabase.Kind kind, Map<String, String> env) {
            db = TestDatabase.create(kind);
            Map<String, String> all = new HashMap<>(Map.of("CHORUS_ALLOW_PRIVATE_ADDRESSES", "true"));
            all.putAll(env);
            chorus = Chorus.start(TestConfig.of(db, all));
            api = new ApiTestClient(chorus);
            alice = chorus.services().accounts().signUp(new SignUp("alice", "alice@example.org",
                    "long enough password", "Alice A.", "Secret bio", SignUp.Role.USER, SignUp.Origin.OPERATOR))
                    .await();
        }

        static Rig authorizedFetch(TestDatabase.Kind kind) {
            return new Rig(kind, Map.of("CHORUS_AUTHORIZED_FETCH", "true"));
        }

        Response unsigned(String path) {
            return api.send(HttpRequest.newBuilder(api.uri(path)).header("Accept", AP).GET());
        }

        Response signed(String path, SigningKey key, SignatureStyle style) {
            return api.send(RemoteActors.signedGet(api.uri(path), key, style, NOW));
        }

        @Override
        public void close() {
            try {
                chorus.stop();
            } finally {
                remote.close();
                db.close();
            }
        }
    }

    private static void assertKeyOnly(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject doc = r.json();
        assertThat(doc.getString("type")).isEqualTo("Person");
        assertThat(doc.getString("preferredUsername")).isEqualTo("alice");
        assertThat(doc.getString("inbox")).endsWith("/users/alice/inbox");
        assertThat(doc.getJsonObject("publicKey").getString("publicKeyPem")).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(doc.getJsonArray("assertionMethod")).hasSize(1);
        assertThat(doc.fieldNames()).doesNotContainAnyElementsOf(FULL_ONLY);
        assertThat(r.body()).doesNotContain("Secret bio", "Alice A.");
    }

    private static void assertFull(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().fieldNames()).containsAll(FULL_ONLY);
        assertThat(r.json().getString("summary")).contains("Secret bio");
        assertThat(r.json().getJsonObject("publicKey")).isNotNull();
    }

    @Test
    void theSettingIsOffByDefaultAndMustBeTrueOrFalse() {
        assertThat(new ConfigLoader(Map.of()).load(Optional.empty()).config().authorizedFetch()).isFalse();
        assertThat(new ConfigLoader(Map.of("CHORUS_AUTHORIZED_FETCH", "TRUE")).load(Optional.empty()).config()
                .authorizedFetch()).isTrue();
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CHORUS_AUTHORIZED_FETCH", "yes")).load(Optional.empty()))
                .hasMessageContaining("CHORUS_AUTHORIZED_FETCH is 'yes'").hasMessageContaining("true or false");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void unsignedAndBadlySignedFetchesSeeOnlyTheKeyAndNoCollections(TestDatabase.Kind kind) {
        try (Rig rig = Rig.authorizedFetch(kind)) {
            Response actor = rig.unsigned("/users/alice");
            assertKeyOnly(actor);
            assertThat(actor.header("Vary").orElse("")).contains("Accept").contains("Signature");
            assertKeyOnly(rig.unsigned("/@alice"));
            for (String c : COLLECTIONS) {
                Response r = rig.unsigned("/users/alice/" + c);
                assertThat(r.status()).as(c + ": " + r.body()).isEqualTo(401);
                assertThat(r.json().getString("error")).contains("not signed");
            }

            String bob = rig.remote.actor("bob");
            // bob's keyId, someone else's private key
            assertKeyOnly(rig.signed("/users/alice", RemoteActors.forgedKey(bob), SignatureStyle.CAVAGE));
            Response forged = rig.signed("/users/alice/followers", RemoteActors.forgedKey(bob), SignatureStyle.RFC9421);
            assertThat(forged.status()).isEqualTo(401);
            assertThat(forged.json().getString("error")).contains("BAD_SIGNATURE");
            // a genuine signature, but two hours old
            Clock stale = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
            Response old = rig.api.send(RemoteActors.signedGet(rig.api.uri("/users/alice"), RemoteActors.key(bob),
                    SignatureStyle.CAVAGE, stale));
            assertKeyOnly(old);
            // a key on a server that does not publish it
            assertKeyOnly(rig.signed("/users/alice", RemoteActors.key(rig.remote.base() + "/users/nobody"),
                    SignatureStyle.CAVAGE));

            // always public: the instance actor (servers fetch it to check our signed GETs) and discovery
            Response instance = rig.unsigned("/actor");
            assertThat(instance.status()).isEqualTo(200);
            assertThat(instance.json().getString("type")).isEqualTo("Application");
            assertThat(instance.json().fieldNames()).contains("manuallyApprovesFollowers", "discoverable");
            assertThat(rig.unsigned("/actor/outbox").status()).isEqualTo(200);
            String domain = rig.chorus.config().domain();
            assertThat(rig.api.get("/.well-known/webfinger?resource=acct:alice@" + domain, null).status())
                    .isEqualTo(200);
            assertThat(rig.api.get("/.well-known/nodeinfo", null).status()).isEqualTo(200);
            assertThat(rig.api.get("/nodeinfo/2.1", null).status()).isEqualTo(200);
            assertThat(rig.api.get("/.well-known/host-meta", null).status()).isEqualTo(200);
            assertThat(rig.unsigned("/users/nobody").status()).isEqualTo(404);
            assertThat(rig.unsigned("/users/nobody/followers").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void fetchesSignedByARemoteActorSeeEverything(TestDatabase.Kind kind) {
        try (Rig rig = Rig.authorizedFetch(kind)) {
            String bob = rig.remote.actor("bob");
            assertFull(rig.signed("/users/alice", RemoteActors.key(bob), SignatureStyle.CAVAGE));
            assertFull(rig.signed("/users/alice", RemoteActors.key(bob), SignatureStyle.RFC9421));
            for (String c : COLLECTIONS) {
                Response r = rig.signed("/users/alice/" + c, RemoteActors.key(bob), SignatureStyle.CAVAGE);
                assertThat(r.status()).as(c + ": " + r.body()).isEqualTo(200);
                assertThat(r.json().getString("type")).isEqualTo("OrderedCollection");
                assertThat(r.header("Vary").orElse("")).contains("Signature");
            }
            // a query string is part of what is signed
            Response page = rig.signed("/users/alice/followers?page=true", RemoteActors.key(bob),
                    SignatureStyle.RFC9421);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().getString("type")).isEqualTo("OrderedCollectionPage");

            // bob's key was fetched once, with a signed GET, and stored
            assertThat(rig.remote.requestsTo("/users/bob")).isEqualTo(1);
            assertThat(rig.remote.wm.getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getUrl().equals("/users/bob")).findFirst().orElseThrow()
                    .getRequest().containsHeader("Signature")).isTrue();
            assertThat(rig.chorus.services().federation().remoteAccounts().resolve(bob).await().domain())
                    .isEqualTo(URI.create(bob).getAuthority());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aSignerTheOwnerBlocksSeesOnlyTheKeyAndGets403(TestDatabase.Kind kind) {
        try (Rig rig = Rig.authorizedFetch(kind)) {
            String bob = rig.remote.actor("bob");
            String carol = rig.remote.actor("carol");
            var federation = rig.chorus.services().federation();
            Account bobHere = federation.remoteAccounts().resolve(bob).await();
            federation.follows().block(rig.alice.id(), bobHere.id()).await();

            assertKeyOnly(rig.signed("/users/alice", RemoteActors.key(bob), SignatureStyle.CAVAGE));
            for (String c : COLLECTIONS) {
                assertThat(rig.signed("/users/alice/" + c, RemoteActors.key(bob), SignatureStyle.CAVAGE).status())
                        .as(c).isEqualTo(403);
            }
            assertFull(rig.signed("/users/alice", RemoteActors.key(carol), SignatureStyle.CAVAGE));
            assertThat(rig.signed("/users/alice/followers", RemoteActors.key(carol), SignatureStyle.CAVAGE).status())
                    .isEqualTo(200);

            federation.follows().unblock(rig.alice.id(), bobHere.id()).await();
            assertFull(rig.signed("/users/alice", RemoteActors.key(bob), SignatureStyle.CAVAGE));
        }
    }

    /**
     * Behind a TLS-terminating proxy the server sees plain http, but senders sign the public https
     * URL (RFC 9421 covers {@code @target-uri}, scheme included): verification must use the scheme
     * of {@code CHORUS_BASE_URL}.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void behindATlsProxySignaturesOfThePublicHttpsUrlVerify(TestDatabase.Kind kind) throws IOException {
        try (Rig rig = new Rig(kind, Map.of("CHORUS_AUTHORIZED_FETCH", "true", "CHORUS_DOMAIN", "chorus.test"))) {
            String bob = rig.remote.actor("bob");
            assertFull(viaProxy(rig, URI.create("https://chorus.test/users/alice"), RemoteActors.key(bob)));
            // the same request signed for http:// is not what arrived at https://chorus.test
            assertKeyOnly(viaProxy(rig, URI.create("http://chorus.test/users/alice"), RemoteActors.key(bob)));
        }
    }

    /** A GET signed for {@code signedFor} and sent as a proxy would pass it on: plain http, the public Host. */
    private static Response viaProxy(Rig rig, URI signedFor, SigningKey key) throws IOException {
        HttpRequestView signed = RequestSigner.of(SignatureStyle.RFC9421, NOW).signed(
                HttpRequestView.outbound("GET", signedFor, HttpHeaders.of("Accept", AP), null), key);
        StringBuilder head = new StringBuilder("GET " + signed.target() + " HTTP/1.1\r\n");
        if (!signed.headers().contains("host")) {
            head.append("Host: ").append(signedFor.getAuthority()).append("\r\n");
        }
        signed.headers().entries().forEach(h -> head.append(h.name()).append(": ").append(h.value()).append("\r\n"));
        head.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", rig.chorus.httpPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(raw.substring(9, 12));
            String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
            return new Response(status, body, java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void withoutTheSettingEverythingIsPublic(TestDatabase.Kind kind) {
        try (Rig rig = new Rig(kind, Map.of())) {
            Response actor = rig.unsigned("/users/alice");
            assertFull(actor);
            assertThat(actor.header("Vary").orElse("")).doesNotContain("Signature");
            for (String c : COLLECTIONS) {
                Response r = rig.unsigned("/users/alice/" + c);
                assertThat(r.status()).as(c + ": " + r.body()).isEqualTo(200);
                assertThat(r.header("Vary")).isEmpty();
            }
            // a signature is simply not looked at: no key fetch
            String bob = rig.remote.actor("bob");
            assertFull(rig.signed("/users/alice", RemoteActors.forgedKey(bob), SignatureStyle.CAVAGE));
            assertThat(rig.remote.requestsTo("/users/bob")).isZero();
        }
    }
}
