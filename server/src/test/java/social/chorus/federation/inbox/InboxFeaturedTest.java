package social.chorus.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.inbox.InboxRig.CLOCK;
import static social.chorus.federation.inbox.InboxRig.NOW;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import io.vertx.core.Future;
import social.chorus.model.Account;
import social.chorus.model.ActorType;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.inbox.InboxRig.Remote;
import social.chorus.model.Status;
import social.chorus.model.StatusContent;
import social.chorus.model.Visibility;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.PinRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.testing.MastodonNotes;
import social.chorus.testing.TestDatabase;

/**
 * {@code Add} and {@code Remove} of the sender's own post to its own featured collection pin and
 * unpin it (an unknown post is fetched after the inbox answered); any other Add or Remove (another
 * target, another sender, another actor's post, a Lemmy community's featured posts and moderators,
 * a local account's collection) changes nothing and sends nothing.
 */
class InboxFeaturedTest {
    private static final StatusRepository STATUSES = new StatusRepository(CLOCK);
    private static final PinRepository PINS = new PinRepository(CLOCK);

    @AutoClose
    private final InboxRig world = new InboxRig();

    private static JsonObject fixture(String path) {
        try {
            return new JsonObject(Files.readString(MastodonNotes.fixtures().resolve(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Lemmy fixture sent by {@code who}: its actor and host replaced by theirs, the rest as Lemmy wrote it. */
    private static String lemmy(String path, Remote who) {
        String raw = fixture(path).encode();
        String actor = new JsonObject(raw).getString("actor");
        URI a = URI.create(actor);
        return raw.replace(actor, who.account().uri())
                .replace(a.getScheme() + "://" + a.getAuthority(), "https://" + who.account().domain());
    }

    /**
     * Mastodon's Add or Remove of a pin, as its serializer writes them: no id and no addressing,
     * the post by id, the target the actor's {@code featured} (from the person fixture), the post
     * one from the featured collection fixture, both moved to {@code who}'s host.
     */
    private static String mastodon(String type, Remote who) {
        JsonObject person = fixture("mastodon/objects/person.json");
        String featured = person.getString("featured").replace(person.getString("id"), who.account().uri());
        String pinned = fixture("mastodon/collections/featured.json").getJsonArray("orderedItems").getJsonObject(0)
                .getString("id");
        String object = who.account().uri() + pinned.substring(pinned.indexOf("/statuses/"));
        return new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams").put("type", type)
                .put("actor", who.account().uri()).put("object", object).put("target", featured).encode();
    }

    private static Status post(InboxRig.Rig rig, long id, String uri, long authorId) {
        return insert(rig, id, uri, authorId).await();
    }

    private static Future<Status> insert(InboxRig.Rig rig, long id, String uri, long authorId) {
        return rig.db.tx(dsl -> STATUSES.insert(dsl, new Status(id, uri, null, authorId, authorId == rig.alice.id(),
                Status.Reply.NONE, uri + "#context", Visibility.PUBLIC,
                new StatusContent("hi", "<p>hi</p>", "", false, null), null, Status.Counts.ZERO, NOW, null),
                List.of(), List.of()));
    }

    private static List<Long> pins(InboxRig.Rig rig, Account who) {
        return rig.db.read(dsl -> PINS.pinnedIds(dsl, who.id())).await();
    }

    private static void featured(InboxRig.Rig rig, Account who, String url) {
        rig.db.tx(dsl -> {
            new AccountRepository(CLOCK).setFeaturedUrl(dsl, who.id(), url);
            return null;
        }).await();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void addAndRemoveOfOwnPostsToOwnFeaturedPinAndUnpin(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote masto = world.remote("mastodon", "mastodon.example", true);
            Account m = rig.store(masto);
            String target = new JsonObject(mastodon("Add", masto)).getString("target");
            featured(rig, m, target);
            Status pinned = post(rig, 501L, new JsonObject(mastodon("Add", masto)).getString("object"), m.id());

            assertThat(rig.send(masto, mastodon("Add", masto))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(pins(rig, m)).containsExactly(pinned.id());
            rig.send(masto, mastodon("Add", masto)); // again: no change
            assertThat(pins(rig, m)).containsExactly(pinned.id());
            assertThat(rig.send(masto, mastodon("Remove", masto))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(pins(rig, m)).isEmpty();
            rig.send(masto, mastodon("Remove", masto));
            assertThat(pins(rig, m)).isEmpty();

            // An Add of a post we do not have: fetched after the 202, then pinned.
            String unknown = masto.account().uri() + "/statuses/999";
            Recording remote = new Recording(uri -> insert(rig, 502L, uri, m.id()));
            List<String> fetched = remote.fetched;
            InboxProcessor inbox = rig.inboxWith(remote);
            String add = new JsonObject(mastodon("Add", masto)).put("object", unknown).encode();
            assertThat(InboxRig.outcome(inbox.receive(InboxRig.post("/inbox", add, masto.signingKey(), CLOCK),
                    Optional.empty()))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline && pins(rig, m).isEmpty()) {
                sleep(20);
            }
            assertThat(fetched).containsExactly(unknown);
            assertThat(pins(rig, m)).containsExactly(502L);
            assertThat(rig.sent()).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void otherAddsAndRemovesChangeNothing(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote masto = world.remote("mastodon", "mastodon.example", true);
            Remote carol = world.remote("carol", "mastodon.example", true);
            Remote eve = world.remote("eve", "evil.example", true);
            Remote lemmyRemote = world.remote("lemmy_alpha", "lemmy.example", true);
            Account m = rig.store(masto);
            Account c = rig.store(carol);
            Account e = rig.store(eve);
            // A Lemmy community is a Group whose featured collection lists its members' posts.
            Account l = rig.db.tx(dsl -> new AccountRepository(CLOCK).upsertRemote(dsl, asGroup(lemmyRemote.account())))
                    .await();
            Remote lemmy = new Remote(l, lemmyRemote.keys());
            String mastoFeatured = new JsonObject(mastodon("Add", masto)).getString("target");
            featured(rig, m, mastoFeatured);
            featured(rig, e, new JsonObject(mastodon("Add", eve)).getString("target"));
            featured(rig, l, "https://lemmy.example/c/main/featured");
            Status mastoPost = post(rig, 601L, new JsonObject(mastodon("Add", masto)).getString("object"), m.id());
            Status carolPost = post(rig, 602L, carol.account().uri() + "/statuses/1", c.id());
            // The Lemmy Add's post, stored: the community's Add must not pin it even so.
            post(rig, 603L, "https://lemmy.example/post/2", c.id());
            Status alicePost = post(rig, 77L, "https://chorus.example/users/alice/statuses/77", rig.alice.id());
            Recording remote = new Recording(Recording.NOT_SERVED);
            List<String> fetched = remote.fetched;
            InboxProcessor inbox = rig.inboxWith(remote);

            String lemmyAdd = lemmy("lemmy/activities/community/add_featured_post.json", lemmy);
            assertThat(new JsonObject(lemmyAdd).getString("target")).isEqualTo("https://lemmy.example/c/main/featured");
            String mastoAdd = mastodon("Add", masto);
            for (String[] sent : new String[][] {
                    {"another target", new JsonObject(mastoAdd).put("target", masto.account().uri()
                            + "/collections/tags").encode()},
                    {"another actor's post", new JsonObject(mastoAdd).put("object", carolPost.uri()).encode()},
                    {"another host's post", new JsonObject(mastoAdd).put("object", "https://evil.example/notes/1")
                            .encode()},
                    {"eve: masto's post to masto's collection", new JsonObject(mastoAdd)
                            .put("actor", eve.account().uri()).encode()},
                    {"eve: masto's post to her collection", new JsonObject(mastodon("Add", eve))
                            .put("object", mastoPost.uri()).encode()},
                    {"lemmy Add", lemmyAdd},
                    {"lemmy Remove", lemmy("lemmy/activities/community/remove_featured_post.json", lemmy)},
                    {"lemmy Add mod", lemmy("lemmy/activities/community/add_mod.json", lemmy)},
                    {"lemmy Remove mod", lemmy("lemmy/activities/community/remove_mod.json", lemmy)},
                    // An Add naming alice's post and her featured collection is no way to pin it for her.
                    {"alice's", new JsonObject(mastoAdd).put("id", "https://mastodon.example/adds/1")
                            .put("object", alicePost.uri())
                            .put("target", "https://chorus.example/users/alice/collections/featured").encode()}}) {
                Remote from = sent[0].startsWith("lemmy") ? lemmy : sent[0].startsWith("eve") ? eve : masto;
                Object outcome = InboxRig.outcome(inbox.receive(InboxRig.post("/inbox", sent[1],
                        from.signingKey(), CLOCK), Optional.empty()));
                assertThat(outcome).as(sent[0]).isInstanceOf(InboxProcessor.Outcome.class);
            }
            // A Remove from eve cannot unpin masto's pin either.
            rig.send(masto, mastoAdd);
            rig.send(eve, new JsonObject(mastodon("Remove", masto)).put("actor", eve.account().uri()).encode());
            rig.send(eve, new JsonObject(mastodon("Remove", eve)).put("object", mastoPost.uri()).encode());
            sleep(200); // what an Add would fetch runs after the answer

            assertThat(pins(rig, m)).containsExactly(mastoPost.id());
            for (Account who : List.of(c, e, l, rig.alice)) {
                assertThat(pins(rig, who)).as(who.acct()).isEmpty();
            }
            assertThat(fetched).isEmpty();
            assertThat(rig.sent()).isEmpty();
        });
    }

    /**
     * An account stored before its featured collection was recorded: its Add or Remove has it
     * fetched again after the inbox answered (which records the collection and reads the pins),
     * once in ten minutes however many it sends; not one whose collection is known, nor a Group.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aSenderWhoseCollectionIsNotRecordedIsFetchedAgainOnce(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote masto = world.remote("mastodon", "mastodon.example", true);
            Remote known = world.remote("known", "known.example", true);
            Remote lemmyRemote = world.remote("lemmy_alpha", "lemmy.example", true);
            rig.store(masto);
            Account k = rig.store(known);
            featured(rig, k, new JsonObject(mastodon("Add", known)).getString("target"));
            Account l = rig.db.tx(dsl -> new AccountRepository(CLOCK).upsertRemote(dsl, asGroup(lemmyRemote.account())))
                    .await();
            Remote lemmy = new Remote(l, lemmyRemote.keys());
            Recording remote = new Recording(Recording.NOT_SERVED);
            List<String> refetched = remote.refetched;
            InboxProcessor inbox = rig.inboxWith(remote);
            String add = mastodon("Add", masto);
            for (String sent : List.of(add, new JsonObject(add).put("id", "https://mastodon.example/adds/again").encode(),
                    new JsonObject(mastodon("Remove", masto)).put("id", "https://mastodon.example/removes/1").encode(),
                    mastodon("Add", known), lemmy("lemmy/activities/community/add_featured_post.json", lemmy))) {
                Remote from = sent.contains(known.account().uri()) ? known : sent.contains("lemmy.example") ? lemmy
                        : masto;
                assertThat(InboxRig.outcome(inbox.receive(InboxRig.post("/inbox", sent, from.signingKey(), CLOCK),
                        Optional.empty()))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline && refetched.isEmpty()) {
                sleep(20);
            }
            sleep(300); // any second refetch would be asked for by now
            assertThat(refetched).containsExactly(masto.account().uri());
        });
    }

    /** The inbox's view of other servers in these tests: what it asked to fetch, answered by {@code answer}. */
    private static final class Recording implements RemotePosts {
        static final java.util.function.Function<String, Future<?>> NOT_SERVED =
                uri -> Future.failedFuture(new IllegalStateException("not served"));

        final List<String> fetched = new CopyOnWriteArrayList<>();
        final List<String> refetched = new CopyOnWriteArrayList<>();
        private final java.util.function.Function<String, Future<?>> answer;

        Recording(java.util.function.Function<String, Future<?>> answer) {
            this.answer = answer;
        }

        @Override
        public void fetchParentsLater(String childUri) {
        }

        @Override
        public Future<?> resolve(String uri) {
            fetched.add(uri);
            return answer.apply(uri);
        }

        @Override
        public void refetchActorLater(Account account) {
            refetched.add(account.uri());
        }
    }

    private static Account asGroup(Account a) {
        return new Account(a.id(), a.username(), a.domain(), ActorType.GROUP, a.uri(), a.url(), a.displayName(),
                a.note(), a.endpoints(), a.publicKey(), a.ed25519Key(), a.flags(), a.counts(), a.createdAt(),
                a.updatedAt(), a.fetchedAt());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
