package social.chorus.federation.vocab;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * Prints how fast a warm reader is on one thread; asserts nothing about time (the project checks
 * speed with benchmarks that print figures, not with timed unit tests). STACK.md measured a bare
 * Jena parse of a 3 KB Mastodon Create(Note) at ~0.35 ms.
 */
class ReadSpeedTest {

    private static final int ROUNDS = 2;
    private static final int WARM_UP = 500;
    private static final int MEASURED = 1_000;

    @Test
    void printsTheWarmParseSpeedOfAMastodonCreateNote() {
        JsonLdReader reader = new JsonLdReader();
        byte[] json = Fixtures.bytes("mastodon/activities/create_note.json");

        // The JSON-LD step alone, on the already prepared document, for comparison with STACK.md.
        BundledContexts contexts = new BundledContexts();
        byte[] prepared = new ContextPreparer(contexts)
                .prepare(new JsonObject(new String(json, StandardCharsets.UTF_8)))
                .json();
        JenaJsonLd jena = new JenaJsonLd(contexts);

        // Alternating rounds, best kept: the machine is shared, and JIT order should not decide.
        double full = Double.MAX_VALUE;
        double jenaOnly = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            full = Math.min(full, microsPerRead(() -> reader.read(json)));
            jenaOnly = Math.min(jenaOnly, microsPerRead(() -> jena.parse(prepared, new ArrayList<>())));
        }

        System.out.printf("JsonLdReader on %d-byte Mastodon Create(Note), warm, 1 thread: %.0f µs/read "
                + "(%.0f reads/s); Jena JSON-LD parse alone: %.0f µs%n",
                json.length, full, 1_000_000 / full, jenaOnly);
        assertThat(reader.read(json).activity()).isPresent();
    }

    private static double microsPerRead(Runnable read) {
        for (int i = 0; i < WARM_UP; i++) {
            read.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            read.run();
        }
        return (System.nanoTime() - start) / 1_000.0 / MEASURED;
    }
}
