package social.chorus.process.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.process.interaction.InteractionRig.failureStatus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.model.Account;
import social.chorus.model.Interaction;
import social.chorus.model.Status;
import social.chorus.model.StatusView;
import social.chorus.model.Visibility;
import social.chorus.storage.StatusRepository.PageQuery;
import social.chorus.testing.TestDatabase;

/** Local likes and boosts: counts, idempotency, deliveries, refusals and concurrency, on both databases. */
class InteractionServiceTest {
    private static final PageQuery FIRST_40 = new PageQuery(null, null, null, 40);
    private static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void likingIsIdempotentCountedAndSentOnlyToARemoteAuthor(TestDatabase.Kind kind) throws Exception {
        InteractionRig.with(vertx, kind, rig -> {
            Account alice = rig.local("alice");
            Account bob = rig.local("bob");
            long local = rig.post(bob, "hello", null);

            Interacted first = rig.interactions.changes().favourite(alice.id(), local).await();
            assertThat(first.created()).contains(new Interaction(Interaction.Kind.FAVOURITE, alice.id(), local,
                    bob.id()));
            assertThat(first.status().viewer().favourited()).isTrue();
            assertThat(first.status().status().counts().favourites()).isEqualTo(1);
            Interacted again = rig.interactions.changes().favourite(alice.id(), local).await();
            assertThat(again.created()).isEmpty();
            assertThat(rig.status(local).counts().favourites()).isEqualTo(1);
            assertThat(rig.sent()).isEmpty(); // a local author needs no delivery

            Account carol = rig.remote("carol", "remote.example");
            Status remote = rig.remotePost(carol, Visibility.PUBLIC);
            rig.favourite(alice, remote.id());
            Map<String, List<JsonObject>> sent = rig.sent();
            assertThat(sent).containsOnlyKeys(carol.endpoints().inbox());
            JsonObject like = sent.get(carol.endpoints().inbox()).get(0);
            assertThat(like.getString("type")).isEqualTo("Like");
            assertThat(like.getString("actor")).isEqualTo(alice.uri());
            assertThat(like.getString("object")).isEqualTo(remote.uri());

            StatusView after = rig.interactions.changes().unfavourite(alice.id(), remote.id()).await().status();
            assertThat(after.viewer().favourited()).isFalse();
            assertThat(after.status().counts().favourites()).isZero();
            JsonObject undo = rig.sent().get(carol.endpoints().inbox()).get(0);
            assertThat(undo.getString("type")).isEqualTo("Undo");
            assertThat(undo.getJsonObject("object").getString("id")).isEqualTo(like.getString("id"));
            assertThat(undo.getJsonObject("object").getString("object")).isEqualTo(remote.uri());
            // Undoing what is not there is no error and sends nothing.
            rig.interactions.changes().unfavourite(alice.id(), remote.id()).await();
            assertThat(rig.sent()).isEmpty();
            // A new like after an undo is a new activity with a new id (servers dedupe by id).
            rig.favourite(alice, remote.id());
            assertThat(rig.sent().get(carol.endpoints().inbox()).get(0).getString("id")).isNotEqualTo(like.getString("id"));
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void boostingMakesOneBoostCountedAnnouncedAndUndone(TestDatabase.Kind kind) throws Exception {
        InteractionRig.with(vertx, kind, rig -> {
            Account alice = rig.local("alice");
            Account carol = rig.remote("carol", "one.example");
            Account dave = rig.remote("dave", "one.example"); // same shared inbox as carol
            Account erin = rig.remote("erin", "two.example");
            rig.follow(dave, alice);
            rig.follow(erin, alice);
            Status original = rig.remotePost(carol, Visibility.PUBLIC);
            int before = rig.reload(alice).counts().statuses();

            Interacted boosted = rig.interactions.changes().reblog(alice.id(), original.id(), null).await();
            StatusView boost = boosted.status();
            assertThat(boost.status().reblogOfId()).isEqualTo(original.id());
            assertThat(boost.status().uri()).isEqualTo(alice.uri() + "/statuses/" + boost.status().id() + "/activity");
            assertThat(boost.status().visibility()).isEqualTo(Visibility.PUBLIC);
            assertThat(boost.reblog().status().id()).isEqualTo(original.id());
            assertThat(boost.reblog().viewer().reblogged()).isTrue();
            assertThat(boost.reblog().status().counts().reblogs()).isEqualTo(1);
            assertThat(boosted.created()).contains(new Interaction(Interaction.Kind.REBLOG, alice.id(),
                    original.id(), carol.id()));
            assertThat(rig.reload(alice).counts().statuses()).isEqualTo(before + 1);

            Map<String, List<JsonObject>> sent = rig.sent();
            // one delivery per shared inbox: carol's and dave's server is one, erin's another
            assertThat(sent).containsOnlyKeys("https://one.example/inbox", "https://two.example/inbox");
            JsonObject announce = sent.get("https://two.example/inbox").get(0);
            assertThat(announce.getString("type")).isEqualTo("Announce");
            assertThat(announce.getString("id")).isEqualTo(boost.status().uri());
            assertThat(announce.getString("object")).isEqualTo(original.uri());
            assertThat(announce.getJsonArray("to").getList()).containsExactly(PUBLIC);
            assertThat(announce.getJsonArray("cc").getList()).containsExactly(carol.uri(),
                    "https://chorus.example/users/alice/followers");

            // Boosting again (also by naming the boost) gives the same boost.
            Interacted again = rig.interactions.changes().reblog(alice.id(), boost.status().id(), null).await();
            assertThat(again.status().status().id()).isEqualTo(boost.status().id());
            assertThat(again.created()).isEmpty();
            assertThat(rig.status(original.id()).counts().reblogs()).isEqualTo(1);
            assertThat(rig.sent()).isEmpty();

            StatusView undone = rig.interactions.changes().unreblog(alice.id(), original.id()).await().status();
            assertThat(undone.status().id()).isEqualTo(original.id());
            assertThat(undone.viewer().reblogged()).isFalse();
            assertThat(undone.status().counts().reblogs()).isZero();
            assertThat(rig.reload(alice).counts().statuses()).isEqualTo(before);
            JsonObject undo = rig.sent().get("https://two.example/inbox").get(0);
            assertThat(undo.getString("type")).isEqualTo("Undo");
            assertThat(undo.getJsonObject("object").getString("id")).isEqualTo(boost.status().uri());
            assertThat(undo.getJsonObject("object").getString("type")).isEqualTo("Announce");
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void onlyVisiblePublicOrUnlistedStatusesCanBeBoostedAndNotAcrossBlocks(TestDatabase.Kind kind) throws Exception {
        InteractionRig.with(vertx, kind, rig -> {
            Account alice = rig.local("alice");
            Account bob = rig.local("bob");
            long privatePost = rig.post(bob, "followers only", "private");
            long direct = rig.post(bob, "just me", "direct");
            long unlisted = rig.post(bob, "quiet", "unlisted");
            InteractionService changes = rig.interactions.changes();

            assertThat(failureStatus(changes.reblog(alice.id(), direct, null))).isEqualTo(404); // cannot see it
            assertThat(failureStatus(changes.favourite(alice.id(), direct))).isEqualTo(404);
            assertThat(failureStatus(changes.reblog(alice.id(), privatePost, null))).isEqualTo(404);
            rig.follow(alice, bob);
            assertThat(failureStatus(changes.reblog(alice.id(), privatePost, null))).isEqualTo(403);
            assertThat(rig.favourite(alice, privatePost).viewer().favourited()).isTrue(); // a follower may like it
            assertThat(failureStatus(changes.reblog(alice.id(), unlisted, "private"))).isEqualTo(422);
            assertThat(failureStatus(changes.favourite(alice.id(), Long.MAX_VALUE))).isEqualTo(404);

            // an unlisted status is boosted unlisted, whatever was asked
            StatusView boost = changes.reblog(alice.id(), unlisted, "public").await().status();
            assertThat(boost.status().visibility()).isEqualTo(Visibility.UNLISTED);

            Account carol = rig.local("carol");
            long post = rig.post(bob, "hi", null);
            rig.block(bob, carol);
            assertThat(failureStatus(changes.favourite(carol.id(), post))).isEqualTo(403);
            assertThat(failureStatus(changes.reblog(carol.id(), post, null))).isEqualTo(403);
            assertThat(rig.status(post).counts().favourites()).isZero();
            assertThat(rig.status(post).counts().reblogs()).isZero();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void boostsAreInFollowersHomeTimelinesButNotInPublicOnesAndGoWithTheirOriginal(TestDatabase.Kind kind)
            throws Exception {
        InteractionRig.with(vertx, kind, rig -> {
            Account alice = rig.local("alice");
            Account bob = rig.local("bob");
            Account carol = rig.local("carol");
            Account dave = rig.local("dave");
            rig.follow(dave, alice);
            long post = rig.post(bob, "worth sharing #tag", null);
            long boostId = rig.reblog(alice, post).status().id();
            rig.favourite(carol, post);

            List<StatusView> home = rig.timelines.home(dave.id(), FIRST_40).await();
            assertThat(home).extracting(v -> v.status().id()).containsExactly(boostId);
            assertThat(home.get(0).reblog().status().id()).isEqualTo(post);
            assertThat(home.get(0).reblog().status().counts().favourites()).isEqualTo(1);
            assertThat(rig.timelines.publicTimeline(null, social.chorus.storage.TimelineRepository.Origin.ALL,
                    FIRST_40).await()).extracting(v -> v.status().id()).containsExactly(post);
            assertThat(rig.timelines.tag(null, "tag", social.chorus.storage.TimelineRepository.Origin.ALL, FIRST_40)
                    .await()).extracting(v -> v.status().id()).containsExactly(post);
            // dave blocks bob: alice's boost of bob's post leaves dave's home
            rig.block(dave, bob);
            assertThat(rig.timelines.home(dave.id(), FIRST_40).await()).isEmpty();

            // the boost is on alice's profile, unless boosts are excluded
            var profile = rig.statuses.reading().ofAccount(null, alice.id(),
                    new social.chorus.process.status.StatusQueries.AccountStatusesQuery(
                            social.chorus.storage.StatusRepository.AccountFilter.ALL, FIRST_40)).await();
            assertThat(profile).extracting(v -> v.status().id()).containsExactly(boostId);
            assertThat(rig.statuses.reading().ofAccount(null, alice.id(),
                    new social.chorus.process.status.StatusQueries.AccountStatusesQuery(
                            new social.chorus.storage.StatusRepository.AccountFilter(false, true), FIRST_40)).await())
                    .isEmpty();
            // a boost cannot be edited or deleted as a post
            assertThat(failureStatus(rig.statuses.posting().delete(alice.id(), boostId))).isEqualTo(404);

            // the original goes: its boost and like go with it, alice's count drops
            int aliceBefore = rig.reload(alice).counts().statuses();
            rig.statuses.posting().delete(bob.id(), post).await();
            assertThat(rig.db.read(dsl -> rig.statusRepo.findById(dsl, boostId)).await()).isEmpty();
            assertThat(rig.reload(alice).counts().statuses()).isEqualTo(aliceBefore - 1);
            assertThat(rig.interactions.reading().favourites(carol.id(), FIRST_40).await()).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void concurrentLikesAllCountAndADoubleLikeIsOne(TestDatabase.Kind kind) throws Exception {
        InteractionRig.with(vertx, kind, rig -> {
            Account bob = rig.local("bob");
            long post = rig.post(bob, "popular", null);
            List<Account> fans = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                fans.add(rig.local("fan" + i));
            }
            List<Future<Interacted>> all = new ArrayList<>();
            for (Account fan : fans) {
                all.add(rig.interactions.changes().favourite(fan.id(), post));
                all.add(rig.interactions.changes().favourite(fan.id(), post));
                all.add(rig.interactions.changes().reblog(fan.id(), post, null));
            }
            Future.all(all).await();
            Status s = rig.status(post);
            assertThat(s.counts().favourites()).isEqualTo(6);
            assertThat(s.counts().reblogs()).isEqualTo(6);
            assertThat(all.stream().filter(f -> f.result().created().isPresent()).count()).isEqualTo(12);
            assertThat(rig.interactions.reading().favouritedBy(null, post, null, 40).await()).hasSize(6);
            assertThat(rig.interactions.reading().rebloggedBy(null, post, null, 40).await()).hasSize(6);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void likedPostsAreOnTheProfileUnlessHidden(TestDatabase.Kind kind) throws Exception {
        InteractionRig.with(vertx, kind, rig -> {
            Account alice = rig.local("alice");
            Account bob = rig.local("bob");
            Account carol = rig.local("carol");
            rig.follow(alice, bob);
            long open = rig.post(bob, "open", null);
            long quiet = rig.post(bob, "followers", "private");
            long second = rig.post(bob, "second", "unlisted");
            rig.favourite(alice, open);
            rig.favourite(alice, quiet);
            rig.favourite(alice, second);
            InteractionQueries q = rig.interactions.reading();

            // others see public and unlisted ones; alice sees all three, newest like first
            assertThat(q.likedBy(carol.id(), alice.id(), FIRST_40).await()).extracting(l -> l.status().status().id())
                    .containsExactly(second, open);
            assertThat(q.likedBy(null, alice.id(), FIRST_40).await()).hasSize(2);
            List<InteractionQueries.Liked> own = q.favourites(alice.id(), FIRST_40).await();
            assertThat(own).extracting(l -> l.status().status().id()).containsExactly(second, quiet, open);
            assertThat(own).allMatch(l -> l.status().viewer().favourited());
            // paging by like id
            var page2 = q.favourites(alice.id(), new PageQuery(own.get(0).cursor(), null, null, 1)).await();
            assertThat(page2).extracting(l -> l.status().status().id()).containsExactly(quiet);
            var newer = q.favourites(alice.id(), new PageQuery(null, null, own.get(2).cursor(), 1)).await();
            assertThat(newer).extracting(l -> l.status().status().id()).containsExactly(quiet);
            // carol blocks bob: his posts leave alice's list as carol sees it
            rig.block(carol, bob);
            assertThat(q.likedBy(carol.id(), alice.id(), FIRST_40).await()).isEmpty();

            rig.db.tx(dsl -> {
                new social.chorus.storage.FavouriteRepository(java.time.Clock.systemUTC())
                        .setHideFavourites(dsl, alice.id(), true);
                return null;
            }).await();
            assertThat(q.likedBy(null, alice.id(), FIRST_40).await()).isEmpty();
            assertThat(q.likedBy(alice.id(), alice.id(), FIRST_40).await()).hasSize(3);
            // remote accounts have no list here; unknown accounts are 404
            assertThat(q.likedBy(null, rig.remote("zed", "remote.example").id(), FIRST_40).await()).isEmpty();
            assertThat(failureStatus(q.likedBy(null, 999_999L, FIRST_40))).isEqualTo(404);
        });
    }
}
