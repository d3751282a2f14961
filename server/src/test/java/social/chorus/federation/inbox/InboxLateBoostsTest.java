package social.chorus.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.inbox.InboxRig.CLOCK;
import static social.chorus.federation.inbox.InboxRig.NOW;
import static social.chorus.federation.inbox.InboxRig.outcome;
import static social.chorus.federation.inbox.InboxRig.post;

import java.util.List;
import java.util.Optional;
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

/** An Announce of a post we do not have: fetched from its own server only for a followed booster, then kept. */
class InboxLateBoostsTest {
    private static final String AS = "https://www.w3.org/ns/activitystreams";

    @AutoClose
    private final InboxRig world = new InboxRig();
    private final StatusRepository statuses = new StatusRepository(CLOCK);
    private long nextId = 1L << 20;

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aBoostOfAnUnknownPostIsKeptOnceThePostIsFetchedFromItsServer(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote carol = world.remote("carol", "social.example", true);
            Remote bob = world.remote("bob", "mastodon.example", true);
            Account carolStored = rig.store(carol);
            Account bobStored = rig.store(bob);
            String postUri = "https://mastodon.example/users/bob/statuses/77";
            java.util.List<String> fetched = new java.util.concurrent.CopyOnWriteArrayList<>();
            InboxProcessor inbox = rig.inboxWith(new RemotePosts() {
                @Override
                public void fetchParentsLater(String childUri) {
                }

                @Override
                public io.vertx.core.Future<?> resolve(String uri) {
                    fetched.add(uri);
                    if (!uri.equals(postUri)) {
                        return io.vertx.core.Future.failedFuture(new IllegalStateException("410 Gone"));
                    }
                    long id = nextId++;
                    return rig.db.tx(dsl -> statuses.insert(dsl, new Status(id, postUri, null, bobStored.id(), false,
                            Status.Reply.NONE, "tag:mastodon.example,77", Visibility.PUBLIC,
                            new StatusContent(null, "<p>news</p>", "", false, null), null, Status.Counts.ZERO, NOW,
                            null), List.of(), List.of()));
                }
            });
            java.util.function.Function<String, Object> boost = object -> outcome(inbox.receive(post("/inbox",
                    InboxRig.activity("Announce", carol, "https://social.example/announces/" + nextId++, object),
                    carol.signingKey(), CLOCK), Optional.empty()));

            // Nobody here follows carol: her boost of an unknown post fetches nothing.
            assertThat(boost.apply(postUri)).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(fetched).isEmpty();

            rig.db.tx(dsl -> new FollowRepository(CLOCK).insert(dsl, rig.alice.id(), carolStored.id(),
                    "https://chorus.example/follows/7", Follow.State.ACCEPTED)).await();
            assertThat(boost.apply(postUri + "?again")).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(boost.apply(postUri)).isEqualTo(InboxProcessor.Outcome.HANDLED);
            // Both fetches run after the inbox answered, each in its own time: wait for both outcomes.
            long deadline = System.nanoTime() + 30_000_000_000L;
            Optional<Status> kept = Optional.empty();
            while (System.nanoTime() < deadline && ((kept = rig.db.read(dsl -> statuses.findByUri(dsl, postUri))
                    .await().filter(p -> p.counts().reblogs() == 1)).isEmpty()
                    || !fetched.contains(postUri + "?again"))) {
                sleep(20);
            }
            assertThat(kept).as("the fetched post carries carol's boost").isPresent();
            assertThat(fetched).containsExactlyInAnyOrder(postUri + "?again", postUri);
            // the post that could not be fetched left nothing behind
            assertThat(rig.db.read(dsl -> statuses.findByUri(dsl, postUri + "?again")).await()).isEmpty();
        });
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
