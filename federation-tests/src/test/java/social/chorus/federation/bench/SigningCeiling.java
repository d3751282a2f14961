package social.chorus.federation.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import social.chorus.federation.sig.HttpHeaders;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.federation.sig.Keys;
import social.chorus.federation.sig.RequestSigner;
import social.chorus.federation.sig.SignatureStyle;
import social.chorus.federation.sig.SigningKey;

/**
 * How fast this machine signs deliveries with nothing else to do: Chorus's own RFC 9421 signer
 * (digest of the body and an RSA-2048 signature, as each delivery costs) over a post-sized
 * activity, on one thread and on as many threads as there are cores.
 */
final class SigningCeiling {
    private SigningCeiling() {
    }

    static double rate(int threads, Duration time, byte[] body) {
        KeyPair pair = new Keys().generateRsa();
        SigningKey key = new SigningKey("https://bench.invalid/users/alice#main-key", pair.getPrivate());
        RequestSigner signer = RequestSigner.of(SignatureStyle.RFC9421, Clock.systemUTC());
        HttpRequestView view = HttpRequestView.outbound("POST", URI.create("http://h0001.localhost:1/inbox"),
                HttpHeaders.of("Content-Type", "application/activity+json", "Accept", "application/activity+json"),
                body);
        // Warm-up, so the JIT has compiled the path before it is timed.
        long warmEnd = System.nanoTime() + Duration.ofMillis(500).toNanos();
        while (System.nanoTime() < warmEnd) {
            signer.sign(view, key);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            long end = start + time.toNanos();
            List<Future<Integer>> counts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                counts.add(pool.submit(() -> {
                    int n = 0;
                    while (System.nanoTime() < end) {
                        signer.sign(view, key);
                        n++;
                    }
                    return n;
                }));
            }
            long total = 0;
            for (Future<Integer> c : counts) {
                total += c.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    static byte[] samplePost() {
        return ("{\"@context\":[\"https://www.w3.org/ns/activitystreams\"],\"id\":\"https://bench.invalid/x/activity\","
                + "\"type\":\"Create\",\"actor\":\"https://bench.invalid/users/alice\",\"object\":{\"type\":\"Note\","
                + "\"content\":\"" + "a".repeat(400) + "\"}}").getBytes(StandardCharsets.UTF_8);
    }
}
