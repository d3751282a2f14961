package social.chorus.federation.inbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.inbox.InboxRig.CLOCK;
import static social.chorus.federation.inbox.InboxRig.outcome;
import static social.chorus.federation.inbox.InboxRig.post;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.deref.HostBlocks;
import social.chorus.federation.deref.OutboundPolicy;
import social.chorus.federation.inbox.InboxRig.Remote;
import social.chorus.model.Account;
import social.chorus.model.Follow;
import social.chorus.model.Status;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.testing.FetchingSide;
import social.chorus.testing.MastodonNotes;
import social.chorus.testing.MastodonNotes.Audience;
import social.chorus.testing.RemoteActors;
import social.chorus.testing.TestDatabase;

/**
 * A delivered reply whose parent is not stored here: the inbox answers first, then the parent
 * chain is fetched from the parent's server (WireMock) and linked; on both databases.
 */
class InboxReplyParentsTest {
    private final InboxRig world = new InboxRig();
    private final RemoteActors peer = new RemoteActors();
    private final Vertx vertx = Vertx.vertx();
    private final StatusRepository statuses = new StatusRepository(CLOCK);

    @AfterEach
    void stop() {
        peer.close();
        vertx.close().await();
        world.close();
    }

    /** Mastodon's Create fixture, sent by {@code who}, answering {@code parent}. */
    private static String create(Remote who, long number, String parent) {
        try {
            String raw = Files.readString(MastodonNotes.fixtures().resolve("mastodon/activities/create_note.json"));
            String host = who.account().domain();
            JsonObject a = new JsonObject(raw.replace("https://mastodon.madrid/users/felix", who.account().uri())
                    .replace("https://mastodon.madrid/@felix", "https://" + host + "/@" + who.account().username())
                    .replace("107224289116410645", String.valueOf(number)).replace("mastodon.madrid", host));
            a.getJsonObject("object").put("inReplyTo", parent).put("inReplyToAtomUri", parent);
            return a.encode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Status> stored(InboxRig.Rig rig, String uri) {
        return rig.db.read(dsl -> statuses.findByUri(dsl, uri)).await();
    }

    private void serve(String path, JsonObject doc, int delayMs) {
        peer.wm.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(delayMs)
                .withHeader("Content-Type", MastodonNotes.CONTENT_TYPE).withBody(doc.encode())));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theParentsOfAStoredReplyAreFetchedAfterTheAnswer(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            FetchingSide fetching = new FetchingSide(vertx, rig.db, OutboundPolicy.development(), HostBlocks.none(),
                    "chorus.example", RemoteActors.key("https://chorus.example/actor"), Clock.systemUTC());
            InboxProcessor inbox = rig.inboxWith(fetching.statuses::fetchParentsLater);
            Remote bob = world.remote("bob", "mastodon.example", true);
            Account bobStored = rig.db.tx(dsl -> rig.accounts.upsertRemote(dsl, bob.account())).await();
            rig.db.tx(dsl -> new FollowRepository(CLOCK).insert(dsl, rig.alice.id(), bobStored.id(),
                    "https://chorus.example/follows/1", Follow.State.ACCEPTED)).await();
            String carol = peer.actor("carol");
            // The parent's server is slow: the inbox must not wait for it. Slow enough that the check
            // right after the answer comes before the fetch ends, even when this thread is kept waiting.
            serve("/users/carol/statuses/2", MastodonNotes.note(carol, 2, carol + "/statuses/1", Audience.PUBLIC,
                    "question"), 3000);
            serve("/users/carol/statuses/1", MastodonNotes.note(carol, 1, null, Audience.PUBLIC, "topic"), 0);

            String reply = "https://mastodon.example/users/bob/statuses/77";
            Object answer = outcome(inbox.receive(post("/inbox", create(bob, 77, carol + "/statuses/2"),
                    bob.signingKey(), CLOCK), Optional.empty()));
            assertThat(answer).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(stored(rig, reply)).isPresent();
            assertThat(stored(rig, carol + "/statuses/2")).as("fetched after the answer, not before").isEmpty();

            fetching.statuses.settled().await();
            Status two = stored(rig, carol + "/statuses/2").orElseThrow();
            Status one = stored(rig, carol + "/statuses/1").orElseThrow();
            assertThat(stored(rig, reply).orElseThrow().reply().inReplyToId()).isEqualTo(two.id());
            assertThat(two.reply().inReplyToId()).isEqualTo(one.id());
            assertThat(two.counts().replies()).isEqualTo(1);
            assertThat(peer.requestsTo("/users/carol/statuses/2")).isEqualTo(1);

            // A reply to a stored post, and a reply nobody here needs, fetch nothing.
            assertThat(outcome(inbox.receive(post("/inbox", create(bob, 78, carol + "/statuses/1"),
                    bob.signingKey(), CLOCK), Optional.empty()))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            Remote stranger = world.remote("stranger", "elsewhere.example", true);
            rig.db.tx(dsl -> rig.accounts.upsertRemote(dsl, stranger.account())).await();
            serve("/users/carol/statuses/3", MastodonNotes.note(carol, 3, null, Audience.PUBLIC, "other"), 0);
            assertThat(outcome(inbox.receive(post("/inbox", create(stranger, 79, carol + "/statuses/3"),
                    stranger.signingKey(), CLOCK), Optional.empty()))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            fetching.statuses.settled().await();
            assertThat(stored(rig, "https://mastodon.example/users/bob/statuses/78").orElseThrow().reply()
                    .inReplyToId()).isEqualTo(one.id());
            assertThat(peer.requestsTo("/users/carol/statuses/1")).isEqualTo(1);
            assertThat(peer.requestsTo("/users/carol/statuses/3")).isZero();
            fetching.close();
        });
    }
}
