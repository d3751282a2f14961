package social.chorus.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.inbox.InboxRig.CLOCK;
import static social.chorus.federation.inbox.InboxRig.outcome;
import static social.chorus.federation.inbox.InboxRig.post;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.inbox.InboxRig.Remote;
import social.chorus.model.Account;
import social.chorus.model.Follow;
import social.chorus.model.Status;
import social.chorus.model.Visibility;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.testing.TestDatabase;

/** Remote posts by Create, Update and Delete, read from real Mastodon payloads, on both databases. */
class InboxNotesTest {
    private static final String AS = "https://www.w3.org/ns/activitystreams";
    private static final String PUBLIC = AS + "#Public";

    @AutoClose
    private final InboxRig world = new InboxRig();
    private final StatusRepository statuses = new StatusRepository(CLOCK);

    /** A Mastodon fixture with felix@mastodon.madrid rewritten to {@code who}. */
    private static String fixture(String name, Remote who) throws IOException {
        String root = System.getProperty("chorus.repoRoot", ".");
        Path file = Path.of(root).resolve("../shared/fixtures/fediverse/mastodon/activities/" + name).normalize();
        String host = who.account().domain();
        return Files.readString(file).replace("https://mastodon.madrid/users/felix", who.account().uri())
                .replace("https://mastodon.madrid/@felix", "https://" + host + "/@" + who.account().username())
                .replace("mastodon.madrid", host);
    }

    private Optional<Status> stored(InboxRig.Rig rig, String uri) {
        return rig.db.read(dsl -> statuses.findByUri(dsl, uri)).await();
    }

    private static JsonObject note(Remote author, String id, String content, JsonArray to, JsonArray cc) {
        return new JsonObject().put("id", id).put("type", "Note").put("attributedTo", author.account().uri())
                .put("content", content).put("to", to).put("cc", cc).put("published", "2026-11-29T11:00:00Z");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aFollowedAuthorsPostIsStoredEditedAndDeleted(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            try {
                Remote bob = world.remote("bob", "mastodon.example", true);
                Account bobStored = rig.store(bob);
                rig.db.tx(dsl -> new FollowRepository(CLOCK).insert(dsl, rig.alice.id(), bobStored.id(),
                        "https://chorus.example/follows/1", Follow.State.ACCEPTED)).await();
                String create = fixture("create_note.json", bob);
                String uri = new JsonObject(create).getJsonObject("object").getString("id");

                assertThat(rig.send(bob, create)).isEqualTo(InboxProcessor.Outcome.HANDLED);
                Status s = stored(rig, uri).orElseThrow();
                assertThat(s.local()).isFalse();
                assertThat(s.accountId()).isEqualTo(bobStored.id());
                assertThat(s.visibility()).isEqualTo(Visibility.UNLISTED);
                assertThat(s.content().html()).contains("thinkpad").contains("rel=\"nofollow noopener");
                assertThat(s.reply().inReplyToUri()).isEqualTo("https://mamot.fr/users/retiolus/statuses/107224244380204526");
                assertThat(s.conversation()).startsWith("tag:mamot.fr");

                // The same object again, under another activity id: nothing changes.
                String again = new JsonObject(create).put("id", uri + "/activity-again").encode();
                assertThat(rig.send(bob, again)).isEqualTo(InboxProcessor.Outcome.HANDLED);
                assertThat(rig.db.read(dsl -> rig.accounts.findById(dsl, bobStored.id()).orElseThrow()
                        .counts().statuses()).await()).isEqualTo(1);

                JsonObject edited = note(bob, uri, "<p>edited</p><script>alert(1)</script>",
                        new JsonArray().add(PUBLIC), new JsonArray()).put("updated", "2026-11-29T11:30:00Z");
                assertThat(rig.send(bob, InboxRig.activity("Update", bob, uri + "#updates/1", edited)))
                        .isEqualTo(InboxProcessor.Outcome.HANDLED);
                Status after = stored(rig, uri).orElseThrow();
                assertThat(after.content().html()).isEqualTo("<p>edited</p>");
                assertThat(after.editedAt()).isNotNull();
                assertThat(rig.db.read(dsl -> statuses.edits(dsl, after.id())).await()).hasSize(1);

                // Someone else cannot edit or delete it.
                Remote mallory = world.remote("mallory", "mastodon.example", true);
                rig.store(mallory);
                assertThat(rig.send(mallory, InboxRig.activity("Update", mallory, "https://mastodon.example/u/m1", edited)))
                        .asString().startsWith("403");
                assertThat(rig.send(mallory, InboxRig.activity("Delete", mallory, "https://mastodon.example/u/m2",
                        new JsonObject().put("id", uri).put("type", "Tombstone"))))
                        .isEqualTo(InboxProcessor.Outcome.HANDLED);
                assertThat(stored(rig, uri)).isPresent();

                String delete = fixture("delete.json", bob).replace("107773559874184870", "107224289116410645");
                assertThat(rig.send(bob, delete)).isEqualTo(InboxProcessor.Outcome.HANDLED);
                assertThat(stored(rig, uri)).isEmpty();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void unrelatedPostsAreIgnoredAndForeignObjectsRefused(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote carol = world.remote("carol", "social.example", true);
            Remote bob = world.remote("bob", "mastodon.example", true);
            rig.store(carol);
            String id = "https://social.example/users/carol/statuses/1";
            JsonObject plain = note(carol, id, "<p>hi all</p>", new JsonArray().add(PUBLIC), new JsonArray());
            assertThat(rig.send(carol, InboxRig.activity("Create", carol, id + "/activity", plain)))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(stored(rig, id)).isEmpty();

            // attributed to another actor, or an id on another host: refused
            JsonObject forged = note(bob, "https://social.example/users/carol/statuses/2", "x",
                    new JsonArray().add(PUBLIC), new JsonArray());
            assertThat(rig.send(carol, InboxRig.activity("Create", carol, id + "/a2", forged))).asString().startsWith("403");
            JsonObject offHost = note(carol, "https://elsewhere.example/statuses/3", "x",
                    new JsonArray().add(PUBLIC), new JsonArray());
            assertThat(rig.send(carol, InboxRig.activity("Create", carol, id + "/a3", offHost))).asString().startsWith("403");

            // A direct message to alice (Mention tag) is stored, direct, with alice mentioned.
            String dm = "https://social.example/users/carol/statuses/4";
            JsonObject direct = note(carol, dm, "<p>@alice psst</p>", new JsonArray().add(rig.alice.uri()),
                    new JsonArray()).put("tag", new JsonArray().add(new JsonObject().put("type", "Mention")
                            .put("href", rig.alice.uri()).put("name", "@alice@chorus.example")));
            assertThat(rig.send(carol, InboxRig.activity("Create", carol, dm + "/activity", direct)))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            Status s = stored(rig, dm).orElseThrow();
            assertThat(s.visibility()).isEqualTo(Visibility.DIRECT);
            assertThat(rig.db.read(dsl -> statuses.mentions(dsl, s.id(), rig.alice.id())).await()).isTrue();
        });
    }

    /**
     * Many posts of one followed author with the same hashtag at once, as a busy account's server
     * delivers them: every one stored with its tag and counted. On MariaDB these transactions
     * deadlocked (the author's row locked shared by each status insert, then exclusively for the
     * count; gap locks of the tag delete) and some were answered 500.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void concurrentPostsOfOneAuthorAreAllStoredAndCounted(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            Account bobStored = rig.store(bob);
            rig.db.tx(dsl -> new FollowRepository(CLOCK).insert(dsl, rig.alice.id(), bobStored.id(),
                    "https://chorus.example/follows/1", Follow.State.ACCEPTED)).await();
            int posts = 24;
            List<Future<InboxProcessor.Outcome>> sent = new ArrayList<>();
            for (int i = 0; i < posts; i++) {
                String id = "https://mastodon.example/users/bob/statuses/" + i;
                JsonObject note = note(bob, id, "<p>#same</p>", new JsonArray().add(PUBLIC), new JsonArray())
                        .put("tag", new JsonArray().add(new JsonObject().put("type", "Hashtag").put("name", "#same")));
                sent.add(rig.inbox.receive(post("/inbox", InboxRig.activity("Create", bob, id + "/activity", note),
                        bob.signingKey(), CLOCK), Optional.empty()));
            }
            for (Future<InboxProcessor.Outcome> f : sent) {
                assertThat(outcome(f)).isEqualTo(InboxProcessor.Outcome.HANDLED);
            }
            assertThat(rig.db.read(dsl -> rig.accounts.findById(dsl, bobStored.id()).orElseThrow().counts().statuses())
                    .await()).isEqualTo(posts);
            for (int i = 0; i < posts; i++) {
                Status s = stored(rig, "https://mastodon.example/users/bob/statuses/" + i).orElseThrow();
                assertThat(rig.db.read(dsl -> statuses.tags(dsl, s.id())).await()).containsExactly("same");
            }
        });
    }
}
