package social.chorus.federation.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.app.Chorus;
import social.chorus.federation.sig.SignatureStyle;
import social.chorus.federation.vocab.AsCollection;
import social.chorus.federation.vocab.AsRef;
import social.chorus.federation.vocab.JsonLdReader;
import social.chorus.model.Account;
import social.chorus.model.Follow;
import social.chorus.model.StatusView;
import social.chorus.process.account.SignUp;
import social.chorus.process.status.NewStatus;
import social.chorus.storage.FollowRepository;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.RemoteActors;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * {@code GET /users/{name}/collections/featured} on a running instance: the public and unlisted
 * pins as whole Notes (the same as each post's own id serves), most recently pinned first; never a
 * followers-only pin, not even to a signed request from a follower.
 */
@Timeout(120)
class FeaturedCollectionTest {
    private static final String AP = "application/activity+json";

    /** One instance (and a remote server) for one test. */
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
                    "long enough password", "Alice", "", SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
        }

        StatusView post(String visibility) {
            return chorus.services().statuses().posting().create(alice.id(), new NewStatus("a " + visibility
                    + " post #pinned", null, null, visibility, null, null, null, null)).await();
        }

        void pin(StatusView v) {
            chorus.services().statuses().pins().pin(alice.id(), v.status().id()).await();
        }

        Response get(String path) {
            return api.send(HttpRequest.newBuilder(api.uri(path)).header("Accept", AP).GET());
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

    private static List<String> ids(JsonObject collection) {
        List<String> out = new ArrayList<>();
        collection.getJsonArray("orderedItems").forEach(o -> out.add(((JsonObject) o).getString("id")));
        return out;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void listsPublicAndUnlistedPinsAsNotesMostRecentlyPinnedFirst(TestDatabase.Kind kind) {
        try (Rig rig = new Rig(kind, Map.of())) {
            StatusView first = rig.post("public");
            StatusView quiet = rig.post("unlisted");
            StatusView secret = rig.post("private");
            StatusView last = rig.post("public");
            StatusView dropped = rig.post("public");
            rig.post("public"); // never pinned
            // pinned in another order than posted, so that the order can only come from the pins
            rig.pin(last);
            rig.pin(secret);
            rig.pin(first);
            rig.pin(dropped);
            rig.pin(quiet);
            rig.chorus.services().statuses().pins().unpin(rig.alice.id(), dropped.status().id()).await();

            String id = rig.chorus.config().baseUrl() + "/users/alice/collections/featured";
            Response r = rig.get("/users/alice/collections/featured");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.header("Content-Type")).hasValue("application/activity+json; charset=utf-8");
            JsonObject featured = r.json();
            assertThat(featured.getString("id")).isEqualTo(id);
            assertThat(featured.getString("type")).isEqualTo("OrderedCollection");
            assertThat(featured.getInteger("totalItems")).isEqualTo(3);
            assertThat(ids(featured)).containsExactly(quiet.status().uri(), first.status().uri(),
                    last.status().uri());
            // the actor document names this collection
            assertThat(rig.get("/users/alice").json().getString("featured")).isEqualTo(id);

            // Each item is the whole Note its own id serves, under the same context.
            for (Object item : featured.getJsonArray("orderedItems")) {
                JsonObject note = (JsonObject) item;
                String path = note.getString("id").substring(rig.chorus.config().baseUrl().length());
                JsonObject served = rig.get(path).json();
                assertThat(featured.getValue("@context")).isEqualTo(served.remove("@context"));
                assertThat(note).isEqualTo(served);
                assertThat(note.getString("type")).isEqualTo("Note");
                assertThat(note.getString("content")).contains("post");
            }

            // What other servers read: the bundled contexts suffice and the order is kept.
            AsCollection read = new JsonLdReader().read(r.body()).collection().orElseThrow();
            assertThat(read.totalItems()).isEqualTo(3L);
            assertThat(read.items()).extracting(AsRef::id).containsExactly(quiet.status().uri(),
                    first.status().uri(), last.status().uri());

            // a deleted post leaves the collection with its pin
            rig.chorus.services().statuses().posting().delete(rig.alice.id(), first.status().id()).await();
            JsonObject after = rig.get("/users/alice/collections/featured").json();
            assertThat(ids(after)).containsExactly(quiet.status().uri(), last.status().uri());
            assertThat(after.getInteger("totalItems")).isEqualTo(2);

            Response unknown = rig.get("/users/nobody/collections/featured");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().getString("error")).isNotBlank();

            // nothing pinned: an empty, true collection
            rig.chorus.services().accounts().signUp(new SignUp("bob", "bob@example.org", "long enough password",
                    "", "", SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
            JsonObject empty = rig.get("/users/bob/collections/featured").json();
            assertThat(empty.getInteger("totalItems")).isZero();
            assertThat(empty.getJsonArray("orderedItems")).isEqualTo(new JsonArray());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aFollowersOnlyPinStaysOutEvenForASignedFollower(TestDatabase.Kind kind) {
        try (Rig rig = new Rig(kind, Map.of("CHORUS_AUTHORIZED_FETCH", "true"))) {
            String bob = rig.remote.actor("bob");
            Account bobHere = rig.chorus.services().federation().remoteAccounts().resolve(bob).await();
            FollowRepository follows = new FollowRepository(Clock.systemUTC());
            rig.chorus.services().db().tx(dsl -> follows.insert(dsl, bobHere.id(), rig.alice.id(),
                    bob + "#follows/1", Follow.State.ACCEPTED)).await();
            StatusView open = rig.post("public");
            StatusView secret = rig.post("private");
            rig.pin(open);
            rig.pin(secret);
            // bob may see the followers-only post itself...
            Response note = rig.api.send(RemoteActors.signedGet(rig.api.uri("/users/alice/statuses/"
                    + secret.status().id()), RemoteActors.key(bob), SignatureStyle.CAVAGE, Clock.systemUTC()));
            assertThat(note.status()).as(note.body()).isEqualTo(200);

            // ...but the featured collection is the same for everyone: public and unlisted pins only
            Response signed = rig.api.send(RemoteActors.signedGet(rig.api.uri("/users/alice/collections/featured"),
                    RemoteActors.key(bob), SignatureStyle.CAVAGE, Clock.systemUTC()));
            assertThat(signed.status()).as(signed.body()).isEqualTo(200);
            assertThat(signed.json().getInteger("totalItems")).isEqualTo(1);
            assertThat(ids(signed.json())).containsExactly(open.status().uri());
            assertThat(signed.body()).doesNotContain("private post");
            assertThat(signed.header("Vary").orElse("")).contains("Signature");

            // under authorized fetch, as the other collections: unsigned is 401
            assertThat(rig.get("/users/alice/collections/featured").status()).isEqualTo(401);
        }
    }
}
