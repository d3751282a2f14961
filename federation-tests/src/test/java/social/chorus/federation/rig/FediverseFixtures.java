package social.chorus.federation.rig;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real payloads in {@code ../shared/fixtures/fediverse} (found through the {@code chorus.repoRoot}
 * system property that surefire sets), moved onto a fake peer's origin so that ids, keys and hosts
 * are authentic for the test while the shape stays the platform's.
 */
public final class FediverseFixtures {
    private FediverseFixtures() {
    }

    public static Path root() {
        String repo = System.getProperty("chorus.repoRoot");
        if (repo == null) {
            throw new IllegalStateException("system property chorus.repoRoot is not set (surefire sets it)");
        }
        return Path.of(repo).resolve("../shared/fixtures/fediverse").normalize();
    }

    /** {@code relative} such as {@code mastodon/objects/person.json}, as text. */
    public static String text(String relative) {
        try {
            return Files.readString(root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("fixture " + relative + " is missing", e);
        }
    }

    /**
     * The fixture with every occurrence of each {@code from} string replaced by the following
     * {@code to} (pairs, applied in order: put longer, more specific prefixes first).
     */
    public static JsonObject rewritten(String relative, String... fromTo) {
        if (fromTo.length % 2 != 0) {
            throw new IllegalArgumentException("replacements come in pairs");
        }
        String json = text(relative);
        for (int i = 0; i < fromTo.length; i += 2) {
            json = json.replace(fromTo[i], fromTo[i + 1]);
        }
        return new JsonObject(json);
    }
}
