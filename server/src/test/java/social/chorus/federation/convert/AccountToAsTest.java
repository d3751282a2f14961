package social.chorus.federation.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import social.chorus.federation.sig.Keys;
import social.chorus.federation.sig.Multikey;
import social.chorus.federation.sig.Pem;
import social.chorus.federation.vocab.AsActor;
import social.chorus.federation.vocab.JsonLdReader;
import social.chorus.federation.vocab.ReadResult;
import social.chorus.model.Account;
import social.chorus.model.ActorType;
import social.chorus.model.LocalIds;

class AccountToAsTest {
    private static final Keys KEYS = new Keys();
    private final LocalIds ids = new LocalIds("https://chorus.example");
    private final AccountToAs toAs = new AccountToAs(ids);

    private Account account(String username, ActorType type, boolean locked, Instant created) {
        KeyPair rsa = KEYS.generateRsa();
        KeyPair ed = KEYS.generateEd25519();
        return new Account(7, username, "", type, ids.actor(username), ids.profilePage(username), "Bob \"B\" <b>",
                "<p>Hi &amp; welcome</p>", ids.endpoints(username),
                new Account.PublicKey(ids.mainKey(username), Pem.encodePublic(rsa.getPublic())),
                new Account.PublicKey(ids.ed25519Key(username), Multikey.encode(ed.getPublic())),
                new Account.AccountFlags(locked, false, true), new Account.AccountCounts(1, 2, 3), created, created,
                null);
    }

    @Test
    void fullDocumentReadsBackThroughTheJsonLdReader() {
        Account bob = account("bob", ActorType.SERVICE, true, Instant.parse("2024-05-01T12:34:56.789123Z"));
        JsonObject json = toAs.actor(bob, AccountToAs.View.FULL);
        assertThat(json.getString("published")).isEqualTo("2024-05-01T12:34:56Z");
        assertThat(json.getString("type")).isEqualTo("Service");
        assertThat(json.getString("name")).isEqualTo("Bob \"B\" <b>"); // JSON, not HTML: no escaping here
        assertThat(json.getJsonObject("publicKey").getString("owner")).isEqualTo(json.getString("id"));
        // Pinned posts, where Mastodon publishes them, named by Mastodon's term.
        assertThat(json.getString("featured")).isEqualTo("https://chorus.example/users/bob/collections/featured");
        assertThat(json.getJsonArray("@context").getJsonObject(2).getJsonObject("featured"))
                .isEqualTo(new JsonObject().put("@id", "toot:featured").put("@type", "@id"));

        ReadResult read = new JsonLdReader().read(json.encode());
        assertThat(read.warnings()).isEmpty();
        AsActor a = read.actor().orElseThrow();
        assertThat(a.id()).isEqualTo("https://chorus.example/users/bob");
        assertThat(a.type()).isEqualTo("Service");
        assertThat(a.preferredUsername()).isEqualTo("bob");
        assertThat(a.name()).isEqualTo("Bob \"B\" <b>");
        assertThat(a.summary()).isEqualTo("<p>Hi &amp; welcome</p>");
        assertThat(a.url()).isEqualTo("https://chorus.example/@bob");
        assertThat(a.inbox()).isEqualTo("https://chorus.example/users/bob/inbox");
        assertThat(a.outbox()).isEqualTo("https://chorus.example/users/bob/outbox");
        assertThat(a.followers()).isEqualTo("https://chorus.example/users/bob/followers");
        assertThat(a.following()).isEqualTo("https://chorus.example/users/bob/following");
        assertThat(a.sharedInbox()).isEqualTo("https://chorus.example/inbox");
        assertThat(a.publicKey().id()).isEqualTo("https://chorus.example/users/bob#main-key");
        assertThat(a.publicKey().owner()).isEqualTo(a.id());
        assertThat(a.publicKey().publicKeyPem()).isEqualTo(bob.publicKey().encoded());
        assertThat(a.assertionMethods()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("https://chorus.example/users/bob#ed25519-key");
            assertThat(m.controller()).isEqualTo(a.id());
            assertThat(m.publicKeyMultibase()).isEqualTo(bob.ed25519Key().encoded());
        });
        assertThat(a.manuallyApprovesFollowers()).isTrue();
        assertThat(a.discoverable()).isFalse();
        assertThat(a.indexable()).isTrue();
        assertThat(a.published()).isEqualTo(Instant.parse("2024-05-01T12:34:56Z"));
    }

    @Test
    void keyOnlyViewKeepsWhatVerifyingAndDeliveringNeed() {
        Account bob = account("bob", ActorType.PERSON, false, Instant.parse("2024-05-01T12:00:00Z"));
        JsonObject json = toAs.actor(bob, AccountToAs.View.KEY_ONLY);
        assertThat(json.fieldNames()).containsExactlyInAnyOrder("@context", "id", "type", "preferredUsername",
                "inbox", "outbox", "endpoints", "publicKey", "assertionMethod");
        AsActor a = new JsonLdReader().read(json.encode()).actor().orElseThrow();
        assertThat(a.publicKey().publicKeyPem()).isEqualTo(bob.publicKey().encoded());
    }

    @Test
    void absentEndpointsAndKeysAreLeftOutNotNull() {
        Account bare = new Account(1, "instance", "", ActorType.APPLICATION, "https://chorus.example/actor",
                null, "chorus.example", null,
                new Account.ActorEndpoints("https://chorus.example/actor/inbox", null, null, null, null), null, null,
                new Account.AccountFlags(true, false, false), new Account.AccountCounts(0, 0, 0), null, null, null);
        JsonObject json = toAs.actor(bare, AccountToAs.View.FULL);
        assertThat(json.fieldNames()).doesNotContain("url", "outbox", "followers", "following", "endpoints",
                "publicKey", "assertionMethod", "published", "featured");
        assertThat(json.getString("summary")).isEmpty();
        assertThat(json.getValue("name")).isEqualTo("chorus.example");
        assertThat(new JsonLdReader().read(json.encode()).actor()).isPresent();
    }
}
