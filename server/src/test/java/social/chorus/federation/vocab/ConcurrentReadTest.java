package social.chorus.federation.vocab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One shared reader, several threads: every document reads exactly as it does alone. */
class ConcurrentReadTest {

    @Test
    void aSharedReaderGivesTheSameResultsFromManyThreads() throws Exception {
        JsonLdReader reader = new JsonLdReader();
        List<Path> files = Fixtures.all();
        Map<Path, AsDocument> alone = files.stream()
                .collect(Collectors.toMap(Function.identity(), f -> reader.read(bytes(f)).document()));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (Path file : files) {
                    checks.add(pool.submit(() -> reader.read(bytes(file)).document().equals(alone.get(file))));
                }
            }
            for (Future<Boolean> check : checks) {
                assertThat(check.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
