package social.chorus.federation.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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

    /** Signatures per second of wall time, and per second of CPU time of the signing threads. */
    record Rate(double perSecond, double perCpuSecond) {
    }

    static Rate rate(int threads, Duration time, byte[] body) {
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
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            List<Future<long[]>> counts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                counts.add(pool.submit(() -> {
                    long cpu0 = mx.getCurrentThreadCpuTime();
                    long n = 0;
                    while (System.nanoTime() < end) {
                        signer.sign(view, key);
                        n++;
                    }
                    return new long[] {n, mx.getCurrentThreadCpuTime() - cpu0};
                }));
            }
            long total = 0;
            long cpu = 0;
            for (Future<long[]> c : counts) {
                total += c.get()[0];
                cpu += c.get()[1];
            }
            return new Rate(total / ((System.nanoTime() - start) / 1e9), total / (cpu / 1e9));
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
