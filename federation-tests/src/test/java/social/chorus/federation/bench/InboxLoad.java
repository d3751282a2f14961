package social.chorus.federation.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import social.chorus.federation.sig.HttpHeaders;
import social.chorus.federation.sig.HttpRequestView;

/**
 * Posts pre-signed requests with a fixed concurrency: {@code C} client threads each take the next
 * request, send it and wait for the answer (a closed loop, as a remote server's delivery workers
 * behave). Latency is per request, from send to the last byte of the answer; throughput is over
 * the whole run, from the first send to the last answer.
 */
final class InboxLoad implements AutoCloseable {
    /** What a run produced. {@code latencyNanos} is sorted; {@code failures} holds a few non-202 answers. */
    record Result(int requests, int concurrency, long wallNanos, long[] latencyNanos, Map<Integer, Integer> statuses,
            List<String> failures) {

        int accepted() {
            return statuses.getOrDefault(202, 0);
        }

        double acceptedPerSecond() {
            return wallNanos == 0 ? 0 : accepted() / (wallNanos / 1e9);
        }

        /** The nearest-rank percentile, in milliseconds. */
        double percentileMs(double p) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * latencyNanos.length);
            return latencyNanos[Math.max(0, Math.min(latencyNanos.length - 1, rank - 1))] / 1e6;
        }

        double maxMs() {
            return latencyNanos.length == 0 ? Double.NaN : latencyNanos[latencyNanos.length - 1] / 1e6;
        }
    }

    private static final int KEPT_FAILURES = 5;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;
    private final ExecutorService threads;
    private final int concurrency;

    InboxLoad(int concurrency) {
        this.concurrency = concurrency;
        this.threads = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
        // HTTP/1.1 with keep-alive, as servers deliver; the client opens one connection per busy thread.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    /**
     * The signed views as java.net.http requests, built before the clock starts. Host is left to
     * the client (a restricted header there); it writes the same {@code 127.0.0.1:port} that was signed.
     */
    static List<HttpRequest> toHttp(List<HttpRequestView> views) {
        List<HttpRequest> requests = new ArrayList<>(views.size());
        for (HttpRequestView v : views) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(v.scheme() + "://" + v.authority() + v.target()))
                    .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofByteArray(v.body()));
            for (HttpHeaders.Header h : v.headers().entries()) {
                if (!h.name().equalsIgnoreCase("host")) {
                    b.header(h.name(), h.value());
                }
            }
            requests.add(b.build());
        }
        return requests;
    }

    Result run(List<HttpRequest> requests) {
        int n = requests.size();
        long[] latency = new long[n];
        int[] status = new int[n];
        String[] error = new String[n];
        AtomicInteger next = new AtomicInteger();
        List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            workers.add(threads.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(requests.get(i), HttpResponse.BodyHandlers.ofString());
                        status[i] = r.statusCode();
                        error[i] = r.body();
                    } catch (IOException e) {
                        status[i] = -1;
                        error[i] = e.toString();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    latency[i] = System.nanoTime() - t0;
                }
            }));
        }
        for (java.util.concurrent.Future<?> f : workers) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("a client thread failed", e);
            }
        }
        long wall = System.nanoTime() - start;
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            statuses.merge(status[i], 1, Integer::sum);
            if (status[i] != 202 && failures.size() < KEPT_FAILURES) {
                failures.add("#" + i + " " + status[i] + " " + error[i]);
            }
        }
        Arrays.sort(latency);
        return new Result(n, concurrency, wall, latency, statuses, failures);
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
