package social.chorus.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.inbox.InboxRig.CLOCK;
import static social.chorus.federation.inbox.InboxRig.NOW;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.inbox.InboxRig.Remote;
import social.chorus.model.Account;
import social.chorus.model.Follow;
import social.chorus.model.Status;
import social.chorus.model.StatusContent;
import social.chorus.model.Visibility;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.testing.TestDatabase;

/**
 * Inbound Like, Dislike, EmojiReact, Announce and their Undo, from every such payload in
 * ../shared/fixtures/fediverse (rewritten to a signing test actor and a post stored here), and
 * hostile variants, on both databases.
 */
class InboxInteractionsTest {
    private static final String AS = "https://www.w3.org/ns/activitystreams";
    private static final String PUBLIC = AS + "#Public";

    @AutoClose
    private final InboxRig world = new InboxRig();
    private final StatusRepository statuses = new StatusRepository(CLOCK);
    private long nextId = 1L << 20;

    /**
     * A fixture as {@code who} would send it: the fixture's actor becomes {@code who}, its ids
     * move to {@code who}'s host (ids must be on the sender's host), and the liked, disliked or
     * announced object becomes {@code object}.
     */
    private static String fixture(String path, Remote who, String object) {
        String raw;
        try {
            raw = Files.readString(Path.of(System.getProperty("chorus.repoRoot", "."))
                    .resolve("../shared/fixtures/fediverse/" + path).normalize());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String actor = new JsonObject(raw).getString("actor");
        URI a = URI.create(actor);
        String rewritten = raw.replace(actor, who.account().uri())
                .replace(a.getScheme() + "://" + a.getAuthority(), "https://" + who.account().domain());
        JsonObject json = new JsonObject(rewritten);
        JsonObject target = json.getValue("object") instanceof JsonObject inner
                && inner.getValue("object") instanceof String ? inner : json;
        if (object != null) {
            target.put("object", object);
        }
        return json.encode();
    }

    private Status alicePost(InboxRig.Rig rig, Visibility visibility) {
        long id = nextId++;
        return rig.db.tx(dsl -> statuses.insert(dsl, new Status(id, "https://chorus.example/users/alice/statuses/" + id,
                null, rig.alice.id(), true, Status.Reply.NONE, "https://chorus.example/contexts/" + id, visibility,
                new StatusContent("hi", "<p>hi</p>", "", false, null), null, Status.Counts.ZERO, NOW, null),
                List.of(), List.of())).await();
    }

    private Status.Counts counts(InboxRig.Rig rig, Status s) {
        return rig.db.read(dsl -> statuses.findById(dsl, s.id()).orElseThrow().counts()).await();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void likesFromEveryPlatformCountOnceAndUndoByIdOrByActorAndObject(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote felix = world.remote("felix", "mastodon.example", true);
            rig.store(felix);
            Status post = alicePost(rig, Visibility.PUBLIC);

            String like = fixture("mastodon/activities/like_page.json", felix, post.uri());
            assertThat(rig.send(felix, like)).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).favourites()).isEqualTo(1);
            assertThat(rig.send(felix, like)).isEqualTo(InboxProcessor.Outcome.DUPLICATE);
            // the same like again under another id: still one
            assertThat(rig.send(felix, new JsonObject(like).put("id", felix.account().uri() + "#likes/9").encode()))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).favourites()).isEqualTo(1);
            // Mastodon's Undo names another like id than the one we hold: matched by actor and object
            assertThat(rig.send(felix, fixture("mastodon/activities/undo_like_page.json", felix, post.uri())))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).favourites()).isZero();

            // Undo by a bare id of the like we hold
            assertThat(rig.send(felix, InboxRig.activity("Like", felix, "https://mastodon.example/likes/2", post.uri())))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).favourites()).isEqualTo(1);
            assertThat(rig.send(felix, InboxRig.activity("Undo", felix, "https://mastodon.example/likes/2/undo",
                    "https://mastodon.example/likes/2"))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).favourites()).isZero();

            // Lemmy (no @context), GNU social and Friendica likes; Lemmy's and Friendica's undo
            for (String[] f : new String[][] {
                    {"lemmy", "lemmy/activities/voting/like_note.json", "lemmy/activities/voting/undo_like_note.json"},
                    {"gnusocial", "gnusocial/activities/like_note.json", null},
                    {"friendica", "friendica/activities/like_page.json", null}}) {
                Remote who = world.remote(f[0], f[0] + ".example", true);
                rig.store(who);
                assertThat(rig.send(who, fixture(f[1], who, post.uri()))).as(f[1])
                        .isEqualTo(InboxProcessor.Outcome.HANDLED);
            }
            assertThat(counts(rig, post).favourites()).isEqualTo(3);
            Remote lemmy = world.remote("lemmy", "lemmy.example", true);
            assertThat(rig.send(lemmy, fixture("lemmy/activities/voting/undo_like_note.json", lemmy, post.uri())))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).favourites()).isEqualTo(2);
            // Friendica's Dislike replaces its like (a vote replaces the voter's earlier one); its Undo changes nothing
            Remote friendica = world.remote("friendica", "friendica.example", true);
            assertThat(rig.send(friendica, fixture("friendica/activities/dislike_page.json", friendica, post.uri())))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).favourites()).isEqualTo(1);
            assertThat(rig.send(friendica, fixture("friendica/activities/undo_dislike_page.json", friendica,
                    post.uri()))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).favourites()).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void misskeyReactionsCountLemmyDislikesAndEmojiReactsAreIgnored(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote mk = world.remote("mk", "misskey.example", true);
            Remote pl = world.remote("pl", "akkoma.example", true);
            Remote lemmy = world.remote("beta", "lemmy.example", true);
            rig.store(mk);
            rig.store(pl);
            rig.store(lemmy);
            Status post = alicePost(rig, Visibility.PUBLIC);

            String reaction = new JsonObject(InboxRig.activity("Like", mk, "https://misskey.example/likes/9x", post.uri()))
                    .put("content", "🍮").put("_misskey_reaction", "🍮").encode();
            assertThat(rig.send(mk, reaction)).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).favourites()).isEqualTo(1);

            String emojiReact = new JsonObject(InboxRig.activity("EmojiReact", pl, "https://akkoma.example/activities/1",
                    post.uri())).put("content", "🔥").encode();
            assertThat(rig.send(pl, emojiReact)).isEqualTo(InboxProcessor.Outcome.IGNORED);
            String undoReact = InboxRig.activity("Undo", pl, "https://akkoma.example/activities/2",
                    new JsonObject(emojiReact).put("@context", (String) null));
            assertThat(rig.send(pl, undoReact)).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).favourites()).isEqualTo(1);

            // Lemmy: a downvote of a post nobody liked changes nothing; Lemmy's undo of it (shaped as a Like) neither
            assertThat(rig.send(lemmy, fixture("lemmy/activities/voting/dislike_page.json", lemmy, post.uri())))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.send(lemmy, fixture("lemmy/activities/voting/undo_dislike_page.json", lemmy,
                    post.uri()))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).favourites()).isEqualTo(1);
            assertThat(rig.sent()).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void hostileAndUnknownLikesChangeNothing(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            Remote mallory = world.remote("mallory", "evil.example", true);
            rig.store(bob);
            Account malloryStored = rig.store(mallory);
            Status post = alicePost(rig, Visibility.PUBLIC);
            Status direct = alicePost(rig, Visibility.DIRECT);
            String bobsLike = "https://mastodon.example/users/bob#likes/1";
            assertThat(rig.send(bob, InboxRig.activity("Like", bob, bobsLike, post.uri())))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);

            // a Like in bob's name signed by mallory: refused before anything is stored
            assertThat(rig.send(mallory, InboxRig.activity("Like", bob, "https://mastodon.example/users/bob#likes/2",
                    direct.uri()))).asString().startsWith("401");
            // mallory undoes bob's like: embedded (403) and by bare id (nothing happens)
            JsonObject embedded = new JsonObject().put("id", bobsLike).put("type", "Like")
                    .put("actor", bob.account().uri()).put("object", post.uri());
            assertThat(rig.send(mallory, InboxRig.activity("Undo", mallory, "https://evil.example/u/1", embedded)))
                    .asString().startsWith("403");
            assertThat(rig.send(mallory, InboxRig.activity("Undo", mallory, "https://evil.example/u/2", bobsLike)))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).favourites()).isEqualTo(1);
            // a Dislike by mallory does not take bob's like either
            assertThat(rig.send(mallory, InboxRig.activity("Dislike", mallory, "https://evil.example/d/1", post.uri())))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).favourites()).isEqualTo(1);

            // a direct post mallory cannot see, an unknown object, no object, an object that is an array of junk
            assertThat(rig.send(mallory, InboxRig.activity("Like", mallory, "https://evil.example/l/1", direct.uri())))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.send(mallory, InboxRig.activity("Like", mallory, "https://evil.example/l/2",
                    "https://elsewhere.example/notes/1"))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.send(mallory, new JsonObject(InboxRig.activity("Like", mallory, "https://evil.example/l/3", null))
                    .encode())).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.send(mallory, InboxRig.activity("Like", mallory, "https://evil.example/l/4",
                    new JsonArray().add(42).add(new JsonObject().put("type", "Note")))).toString())
                    .matches("HANDLED|400 .*");
            assertThat(counts(rig, direct).favourites()).isZero();
            assertThat(counts(rig, post).favourites()).isEqualTo(1);
            // the author blocks mallory: her like is ignored
            rig.db.tx(dsl -> new social.chorus.storage.BlockRepository(CLOCK).insert(dsl, rig.alice.id(),
                    malloryStored.id(), "https://chorus.example/blocks/1")).await();
            assertThat(rig.send(mallory, InboxRig.activity("Like", mallory, "https://evil.example/l/5", post.uri())))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).favourites()).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void announcesAreKeptForLocalPostsOrFollowedBoostersAndUndoneOrDeleted(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote channel = world.remote("channel", "peertube.example", true);
            Account channelStored = rig.store(channel);
            Status post = alicePost(rig, Visibility.PUBLIC);

            // PeerTube's Announce of a video we never stored: accepted, nothing kept
            String unknown = fixture("peertube/activities/announce_video.json", channel, null);
            assertThat(rig.send(channel, unknown)).isEqualTo(InboxProcessor.Outcome.HANDLED);
            String boostId = "https://peertube.example/videos/watch/1/announces/300";
            String announce = new JsonObject(fixture("peertube/activities/announce_video.json", channel, post.uri()))
                    .put("id", boostId).encode();
            assertThat(rig.send(channel, announce)).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).reblogs()).isEqualTo(1);
            Status boost = rig.db.read(dsl -> statuses.findByUri(dsl, boostId)).await().orElseThrow();
            assertThat(boost.reblogOfId()).isEqualTo(post.id());
            assertThat(boost.accountId()).isEqualTo(channelStored.id());
            assertThat(boost.visibility()).isEqualTo(Visibility.PUBLIC);
            // again under another id: still one boost
            assertThat(rig.send(channel, new JsonObject(announce).put("id", boostId + "b").encode()))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).reblogs()).isEqualTo(1);
            // Undo with the Announce embedded
            JsonObject embedded = new JsonObject(announce);
            embedded.remove("@context");
            assertThat(rig.send(channel, InboxRig.activity("Undo", channel, boostId + "#undo", embedded)))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).reblogs()).isZero();
            assertThat(rig.db.read(dsl -> statuses.findByUri(dsl, boostId)).await()).isEmpty();

            // boosted again, then a Delete of the Announce's id removes it
            String again = new JsonObject(announce).put("id", boostId + "/2").encode();
            assertThat(rig.send(channel, again)).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).reblogs()).isEqualTo(1);
            assertThat(rig.send(channel, InboxRig.activity("Delete", channel, boostId + "/2#delete", boostId + "/2")))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).reblogs()).isZero();

            // a direct post cannot be boosted; a remote post only when someone here follows the booster
            Status direct = alicePost(rig, Visibility.DIRECT);
            assertThat(rig.send(channel, InboxRig.activity("Announce", channel, boostId + "/3", direct.uri())))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, direct).reblogs()).isZero();
            Remote bob = world.remote("bob", "mastodon.example", true);
            Account bobStored = rig.store(bob);
            long remoteId = nextId++;
            Status remote = rig.db.tx(dsl -> statuses.insert(dsl, new Status(remoteId,
                    "https://mastodon.example/users/bob/statuses/1", null, bobStored.id(), false, Status.Reply.NONE,
                    "tag:mastodon.example,1", Visibility.PUBLIC, new StatusContent(null, "<p>x</p>", "", false, null),
                    null, Status.Counts.ZERO, NOW, null), List.of(), List.of())).await();
            String cc = InboxRig.activity("Announce", channel, boostId + "/4", remote.uri());
            assertThat(rig.send(channel, cc)).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, remote).reblogs()).isZero();
            rig.db.tx(dsl -> new FollowRepository(CLOCK).insert(dsl, rig.alice.id(), channelStored.id(),
                    "https://chorus.example/follows/1", Follow.State.ACCEPTED)).await();
            String unlisted = new JsonObject(InboxRig.activity("Announce", channel, boostId + "/5", remote.uri()))
                    .put("to", new JsonArray().add(channel.account().uri() + "/followers"))
                    .put("cc", new JsonArray().add(PUBLIC)).encode();
            assertThat(rig.send(channel, unlisted)).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, remote).reblogs()).isEqualTo(1);
            assertThat(rig.db.read(dsl -> statuses.findByUri(dsl, boostId + "/5")).await().orElseThrow().visibility())
                    .isEqualTo(Visibility.UNLISTED);

            // someone else cannot undo the channel's boost
            assertThat(rig.send(bob, InboxRig.activity("Undo", bob, "https://mastodon.example/u/9", boostId + "/5")))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.send(bob, InboxRig.activity("Delete", bob, "https://mastodon.example/d/9", boostId + "/5")))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, remote).reblogs()).isEqualTo(1);

            // the channel deletes itself: its boost and likes go, uncounted
            assertThat(rig.send(channel, InboxRig.activity("Like", channel, boostId + "/like", post.uri())))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).favourites()).isEqualTo(1);
            assertThat(rig.send(channel, InboxRig.activity("Delete", channel, channel.account().uri() + "#delete",
                    channel.account().uri()))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(counts(rig, post).favourites()).isZero();
            assertThat(counts(rig, remote).reblogs()).isZero();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void relayedActivitiesInAnnouncesAreIgnored(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote community = world.remote("main", "lemmy.example", true);
            Remote blog = world.remote("blog", "wordpress.example", true);
            Account communityStored = rig.store(community);
            rig.store(blog);
            rig.db.tx(dsl -> new FollowRepository(CLOCK).insert(dsl, rig.alice.id(), communityStored.id(),
                    "https://chorus.example/follows/2", Follow.State.ACCEPTED)).await();
            assertThat(rig.send(community, fixture("lemmy/activities/community/announce_create_page.json", community,
                    null))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.send(blog, fixture("wordpress/activities/announce.json", blog, null)))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.db.read(dsl -> statuses.findByUri(dsl, "https://lemmy.example/post/7")).await()).isEmpty();
            assertThat(rig.db.read(dsl -> rig.accounts.findById(dsl, communityStored.id()).orElseThrow()
                    .counts().statuses()).await()).isZero();
        });
    }
}
