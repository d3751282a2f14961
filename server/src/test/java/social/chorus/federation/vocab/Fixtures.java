package social.chorus.federation.vocab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real federation payloads in {@code shared/fixtures/fediverse}, beside the repository. */
final class Fixtures {

    private static final String FOLDER = "shared/fixtures/fediverse";

    private Fixtures() {
    }

    /**
     * The fixture folder: from {@code chorus.repoRoot} (set by surefire), else found by walking up
     * from the working directory (an IDE run). Fails loudly when absent, so that no test passes
     * by reading nothing.
     */
    static Path dir() {
        String repoRoot = System.getProperty("chorus.repoRoot");
        if (repoRoot != null && !repoRoot.isBlank()) {
            Path candidate = Path.of(repoRoot).resolve("..").resolve(FOLDER).normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve(FOLDER);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("fixture folder " + FOLDER + " not found (chorus.repoRoot="
                + repoRoot + ", working directory " + Path.of("").toAbsolutePath() + ")");
    }

    /** Every JSON payload, sorted by path. */
    static List<Path> all() {
        try (Stream<Path> files = Files.walk(dir())) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One payload by its path under the fixture folder, e.g. "mastodon/objects/person.json". */
    static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(dir().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
