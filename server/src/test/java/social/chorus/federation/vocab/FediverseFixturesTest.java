package social.chorus.federation.vocab;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every real payload in the fixture folder reads into the right record with its key fields. */
class FediverseFixturesTest {

    private static final JsonLdReader READER = new JsonLdReader();

    // Expected kinds come from the raw "type", independently of the reader's own rules.
    private static final Set<String> ACTORS = Set.of("Person", "Service", "Application", "Group", "Organization");
    private static final Set<String> COLLECTIONS = Set.of("Collection", "OrderedCollection");
    private static final Set<String> OBJECTS =
            Set.of("Note", "Page", "Article", "Video", "Event", "Tombstone", "ChatMessage");
    /**
     * Payloads whose key claims another actor as owner, exactly as captured: the reader reports
     * the owner it was sent, and the signature layer must refuse such a key.
     */
    private static final Set<String> FOREIGN_KEY_OWNER = Set.of("gnusocial/objects/group.json");
    private static final Set<String> AUTHORED = Set.of("Note", "Page", "Article", "Video", "ChatMessage");

    @Test
    void theFixtureFolderHoldsEveryPayload() {
        assertThat(Fixtures.all()).hasSizeGreaterThanOrEqualTo(124);
    }

    @TestFactory
    Stream<DynamicTest> everyPayloadReads() {
        Path dir = Fixtures.dir();
        return Fixtures.all().stream()
                .map(file -> {
                    String name = dir.relativize(file).toString().replace('\\', '/');
                    return DynamicTest.dynamicTest(name, () -> check(file, name));
                });
    }

    private static void check(Path file, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        JsonObject raw = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
        String rawType = rawType(raw);

        ReadResult result = READER.read(bytes);
        AsDocument document = result.document();

        assertThat(document.type()).as("type").isEqualTo(rawType);
        assertThat(document.kind()).as("kind of a " + rawType).isEqualTo(expectedKind(rawType));
        String rawId = raw.getString("id");
        if (rawId != null) {
            assertThat(document.id()).as("id").isNotNull();
            assertThat(URI.create(document.id()).isAbsolute()).as("absolute id " + document.id()).isTrue();
            if (!document.id().equals(rawId)) {
                assertThat(result.warnings()).as("an id that differs was repaired")
                        .anyMatch(w -> w.contains("repaired") && w.contains(rawId));
            }
        }
        if (document instanceof AsActivity) {
            AsActivity activity = (AsActivity) document;
            assertThat(activity.actor()).as("actor").isNotNull();
            assertThat(URI.create(activity.actor()).isAbsolute()).as("absolute actor").isTrue();
            assertThat(activity.objects()).as("object").isNotEmpty();
            assertThat(activity.object().id() != null || activity.object().embedded().isPresent()).isTrue();
        }
        if (document instanceof AsActor) {
            AsActor actor = (AsActor) document;
            assertThat(actor.inbox()).as("inbox").isNotNull();
            if (actor.publicKey() != null) {
                String owner = raw.getJsonObject("publicKey").getString("owner");
                assertThat(actor.publicKey().owner()).as("publicKey.owner").isEqualTo(owner);
                if (!FOREIGN_KEY_OWNER.contains(name)) {
                    assertThat(actor.publicKey().owner()).as("publicKey.owner").isEqualTo(actor.id());
                }
                // SPKI ("PUBLIC KEY") from most servers, PKCS#1 ("RSA PUBLIC KEY") from Mobilizon.
                assertThat(actor.publicKey().publicKeyPem()).matches("(?s)-----BEGIN (RSA )?PUBLIC KEY-----.*");
            }
        }
        if (document instanceof AsObject && AUTHORED.contains(rawType)) {
            assertThat(((AsObject) document).attributedTo()).as("attributedTo").isNotEmpty();
        }
    }

    private static String rawType(JsonObject raw) {
        Object type = raw.getValue("type");
        return type instanceof JsonArray ? ((JsonArray) type).getString(0) : (String) type;
    }

    private static AsDocument.Kind expectedKind(String type) {
        if (ACTORS.contains(type)) {
            return AsDocument.Kind.ACTOR;
        }
        if (COLLECTIONS.contains(type)) {
            return AsDocument.Kind.COLLECTION;
        }
        return OBJECTS.contains(type) ? AsDocument.Kind.OBJECT : AsDocument.Kind.ACTIVITY;
    }

    /** Keeps the list of platforms honest: each one has at least one payload that reads. */
    @Test
    void everyPlatformIsCovered() {
        List<String> platforms = Fixtures.all().stream()
                .map(f -> Fixtures.dir().relativize(f).getName(0).toString()).distinct().toList();
        assertThat(platforms).hasSize(14);
    }
}
