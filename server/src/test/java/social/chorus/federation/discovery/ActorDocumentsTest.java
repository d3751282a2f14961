package social.chorus.federation.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.discovery.TestInstance.AP;
import static social.chorus.federation.discovery.TestInstance.BROWSER;
import static social.chorus.federation.discovery.TestInstance.LD;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.sig.Multikey;
import social.chorus.federation.sig.Pem;
import social.chorus.federation.sig.SigningKey;
import social.chorus.federation.vocab.AsActor;
import social.chorus.federation.vocab.JsonLdReader;
import social.chorus.model.Account;
import social.chorus.model.LocalKeys;
import social.chorus.process.account.SignUp;
import social.chorus.testing.MastodonNotes;
import social.chorus.testing.TestDatabase;

/** {@code GET /users/{name}}, {@code /@{name}} and {@code /actor} on a running instance, on each database. */
class ActorDocumentsTest {
    private final JsonLdReader reader = new JsonLdReader();

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void personActorIsWhatMastodonsParserExpects(TestDatabase.Kind kind) throws Exception {
        try (TestInstance in = TestInstance.start(kind)) {
            Account alice = in.signUp("alice", "Alice A.", SignUp.Origin.OPERATOR);
            String id = in.base() + "/users/alice";

            HttpResponse<String> r = in.get("/users/alice", AP);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/activity+json; charset=utf-8");
            assertThat(r.headers().firstValue("vary")).hasValue("Accept");
            JsonObject doc = new JsonObject(r.body());

            JsonArray context = doc.getJsonArray("@context");
            assertThat(context.getString(0)).isEqualTo("https://www.w3.org/ns/activitystreams");
            assertThat(context.getString(1)).isEqualTo("https://w3id.org/security/v1");
            JsonObject terms = context.getJsonObject(2);
            assertThat(terms.getString("discoverable")).isEqualTo("toot:discoverable");
            assertThat(terms.getString("indexable")).isEqualTo("toot:indexable");
            assertThat(terms.getJsonObject("assertionMethod").getString("@container")).isEqualTo("@set");
            // the same term as Mastodon's actors (an IRI, so JSON-LD readers resolve it as a link)
            JsonObject mastodonTerms = new JsonObject(Files.readString(MastodonNotes.fixtures()
                    .resolve("mastodon/objects/person.json"))).getJsonArray("@context").getJsonObject(2);
            assertThat(terms.getJsonObject("featured")).isEqualTo(mastodonTerms.getJsonObject("featured"));
            assertThat(context).hasSize(3); // no context URL that other servers would have to fetch

            assertThat(doc.getString("id")).isEqualTo(id);
            assertThat(doc.getString("type")).isEqualTo("Person");
            assertThat(doc.getString("preferredUsername")).isEqualTo("alice");
            assertThat(doc.getString("name")).isEqualTo("Alice A.");
            assertThat(doc.getString("summary")).isEqualTo("<p>I like &lt;b&gt;bold&lt;/b&gt; claims &amp; more</p>");
            assertThat(doc.getString("url")).isEqualTo(in.base() + "/@alice");
            assertThat(doc.getString("inbox")).isEqualTo(id + "/inbox");
            assertThat(doc.getString("outbox")).isEqualTo(id + "/outbox");
            assertThat(doc.getString("followers")).isEqualTo(id + "/followers");
            assertThat(doc.getString("following")).isEqualTo(id + "/following");
            assertThat(doc.getString("featured")).isEqualTo(id + "/collections/featured");
            assertThat(doc.getJsonObject("endpoints").getString("sharedInbox")).isEqualTo(in.base() + "/inbox");
            assertThat(doc.getBoolean("manuallyApprovesFollowers")).isFalse();
            assertThat(doc.getBoolean("discoverable")).isTrue();
            assertThat(doc.getBoolean("indexable")).isTrue();
            assertThat(doc.getString("published")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(Instant.parse(doc.getString("published"))).isBetween(
                    alice.createdAt().minusSeconds(1), alice.createdAt());

            JsonObject key = doc.getJsonObject("publicKey");
            assertThat(key.getString("id")).isEqualTo(id + "#main-key");
            assertThat(key.getString("owner")).isEqualTo(doc.getString("id"));
            assertThat(URI.create(key.getString("id")).getAuthority()).isEqualTo(URI.create(id).getAuthority());
            PublicKey published = Pem.decodePublic(key.getString("publicKeyPem"));
            assertThat(published).isEqualTo(Pem.decodePublic(alice.publicKey().encoded()));
            LocalKeys stored = in.chorus.services().accounts().keys(alice.id()).await().orElseThrow();
            assertSignsAndVerifies(Pem.decodePrivate(stored.rsaPrivatePem()), published, "SHA256withRSA");

            JsonObject multikey = doc.getJsonArray("assertionMethod").getJsonObject(0);
            assertThat(multikey.getString("id")).isEqualTo(id + "#ed25519-key");
            assertThat(multikey.getString("type")).isEqualTo("Multikey");
            assertThat(multikey.getString("controller")).isEqualTo(id);
            assertSignsAndVerifies(Pem.decodePrivate(stored.ed25519Private()),
                    Multikey.decode(multikey.getString("publicKeyMultibase")), "Ed25519");

            // What we publish is what other servers read: our own JSON-LD reader, contexts bundled.
            var read = reader.read(r.body());
            assertThat(read.warnings()).isEmpty();
            AsActor actor = read.actor().orElseThrow();
            assertThat(actor.id()).isEqualTo(id);
            assertThat(actor.type()).isEqualTo("Person");
            assertThat(actor.preferredUsername()).isEqualTo("alice");
            assertThat(actor.sharedInbox()).isEqualTo(in.base() + "/inbox");
            assertThat(actor.publicKey().owner()).isEqualTo(id);
            assertThat(Pem.decodePublic(actor.publicKey().publicKeyPem())).isEqualTo(published);
            assertThat(actor.assertionMethods()).singleElement().satisfies(m -> {
                assertThat(m.controller()).isEqualTo(id);
                assertThat(m.publicKeyMultibase()).isEqualTo(alice.ed25519Key().encoded());
            });
            assertThat(actor.manuallyApprovesFollowers()).isFalse();
            assertThat(actor.discoverable()).isTrue();
            assertThat(actor.indexable()).isTrue();
            assertThat(actor.published()).isEqualTo(Instant.parse(doc.getString("published")));

            // Both ActivityPub media types, any case of the username, and the profile URL.
            assertThat(in.getJson("/users/alice", LD, 200)).isEqualTo(doc);
            assertThat(in.getJson("/users/alice", "application/ld+json", 200)).isEqualTo(doc);
            assertThat(in.getJson("/users/ALICE", AP, 200)).isEqualTo(doc);
            assertThat(in.getJson("/@alice", AP, 200)).isEqualTo(doc);
            assertThat(in.getJson("/users/alice", "text/html;q=0.5, application/activity+json", 200)).isEqualTo(doc);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void instanceActorIsAnApplicationWhoseKeySignsFetches(TestDatabase.Kind kind) throws Exception {
        try (TestInstance in = TestInstance.start(kind)) {
            String id = in.base() + "/actor";
            JsonObject doc = in.getJson("/actor", AP, 200);
            assertThat(doc.getString("id")).isEqualTo(id);
            assertThat(doc.getString("type")).isEqualTo("Application");
            assertThat(doc.getString("preferredUsername")).isEqualTo("instance");
            assertThat(doc.getString("name")).isEqualTo(in.domain());
            assertThat(doc.getString("inbox")).isEqualTo(id + "/inbox");
            assertThat(doc.getString("outbox")).isEqualTo(id + "/outbox");
            assertThat(doc.getJsonObject("endpoints").getString("sharedInbox")).isEqualTo(in.base() + "/inbox");
            assertThat(doc.getBoolean("manuallyApprovesFollowers")).isTrue();
            assertThat(doc.getBoolean("discoverable")).isFalse();
            JsonObject key = doc.getJsonObject("publicKey");
            assertThat(key.getString("id")).isEqualTo(id + "#main-key");
            assertThat(key.getString("owner")).isEqualTo(id);
            assertThat(doc.fieldNames()).doesNotContain("featured"); // it pins nothing and has no such route

            SigningKey signing = in.chorus.services().instanceActor().instanceSigningKey();
            assertThat(signing.keyId()).isEqualTo(id + "#main-key");
            assertThat(signing.privateKey().getAlgorithm()).isEqualTo("RSA");
            assertSignsAndVerifies(signing.privateKey(), Pem.decodePublic(key.getString("publicKeyPem")),
                    "SHA256withRSA");

            AsActor read = reader.read(doc.encode()).actor().orElseThrow();
            assertThat(read.type()).isEqualTo("Application");
            assertThat(read.publicKey().id()).isEqualTo(id + "#main-key");

            // It cannot sign in and is nobody's account: not among the people an operator lists.
            assertThat(in.chorus.services().accounts().listLocal(100, 0).await()).isEmpty();
            // Its only address is /actor.
            assertThat(in.get("/users/instance", AP).statusCode()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void browsersGetAnEscapedProfilePage(TestDatabase.Kind kind) throws Exception {
        try (TestInstance in = TestInstance.start(kind)) {
            in.signUp("mallory", "<script>alert('x')</script> & co", SignUp.Origin.OPERATOR);
            for (String accept : new String[] {BROWSER, "text/html", null, "*/*"}) {
                HttpResponse<String> page = in.get("/users/mallory", accept);
                assertThat(page.statusCode()).as(accept).isEqualTo(200);
                assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
                assertThat(page.headers().firstValue("vary")).hasValue("Accept");
                assertThat(page.body()).doesNotContain("<script>")
                        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co")
                        .contains("@mallory@" + in.domain())
                        .contains("href=\"" + in.base() + "/users/mallory\"");
            }
            assertThat(in.get("/@mallory", BROWSER).body()).contains("@mallory@" + in.domain());
            HttpResponse<String> instance = in.get("/actor", BROWSER);
            assertThat(instance.statusCode()).isEqualTo(200);
            assertThat(instance.body()).contains("@instance@" + in.domain());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void unknownPendingAndDisabledAccounts(TestDatabase.Kind kind) throws Exception {
        try (TestInstance in = TestInstance.start(kind, Map.of("CHORUS_REGISTRATIONS", "approval"))) {
            HttpResponse<String> missing = in.get("/users/nobody", AP);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("content-type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/json"));
            assertThat(new JsonObject(missing.body()).getString("error")).isEqualTo("Account not found");
            assertThat(missing.headers().firstValue("vary")).hasValue("Accept");

            HttpResponse<String> missingPage = in.get("/users/nobody", BROWSER);
            assertThat(missingPage.statusCode()).isEqualTo(404);
            assertThat(missingPage.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
            assertThat(missingPage.body()).contains("Not found");

            for (String path : new String[] {"/users/not.a.name", "/users/%3Cscript%3E", "/@" + "x".repeat(31)}) {
                assertThat(in.get(path, AP).statusCode()).as(path).isEqualTo(404);
            }

            // A sign-up awaiting approval is not a member yet: nothing is published for it.
            in.signUp("pending", "Pending", SignUp.Origin.PUBLIC);
            assertThat(in.get("/users/pending", AP).statusCode()).isEqualTo(404);
            assertThat(in.get("/@pending", BROWSER).statusCode()).isEqualTo(404);
            in.chorus.services().accounts().approve("pending").await();
            assertThat(in.get("/users/pending", AP).statusCode()).isEqualTo(200);

            // Disabled accounts stay fetchable: remote servers still verify what they signed.
            in.signUp("dora", "Dora", SignUp.Origin.OPERATOR);
            in.chorus.services().accounts().setDisabled("dora", true).await();
            assertThat(in.getJson("/users/dora", AP, 200).getJsonObject("publicKey").getString("publicKeyPem"))
                    .startsWith("-----BEGIN PUBLIC KEY-----");
        }
    }

    private static void assertSignsAndVerifies(PrivateKey priv, PublicKey pub, String algorithm) throws Exception {
        byte[] data = "(request-target): get /users/bob".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(priv);
        signer.update(data);
        byte[] sig = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(pub);
        verifier.update(data);
        assertThat(verifier.verify(sig)).as("signature made with the stored private key verifies").isTrue();
    }
}
