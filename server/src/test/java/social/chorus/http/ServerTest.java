package social.chorus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.app.Chorus;
import social.chorus.process.ClientError;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/** A whole instance in-process on a random port, for each database. */
class ServerTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(Chorus chorus, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(chorus, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(Chorus chorus, String path) {
        return URI.create("http://127.0.0.1:" + chorus.httpPort() + path);
    }

    /** Routes that exist only in this test, to drive the failure handler and in-flight requests. */
    private static RouteModule testRoutes(CountDownLatch slowStarted, CountDownLatch release) {
        return router -> {
            router.get("/test/crash").handler(ctx -> {
                throw new IllegalStateException("secret internal detail at /srv/chorus");
            });
            router.get("/test/client-error").handler(ctx -> ctx.fail(new ClientError(422, "That will not do")));
            router.get("/test/slow").handler(ctx -> {
                slowStarted.countDown();
                // Work outside the verticle, as database work is: undeploying must wait for it.
                Thread worker = new Thread(() -> {
                    try {
                        release.await(60, TimeUnit.SECONDS);
                        ctx.response().end("finished");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                worker.start();
            });
        };
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void healthzNamesTheDatabaseAndErrorsAreJson(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(tdb), new Chorus.Extras(Clock.systemUTC(),
                    List.of(testRoutes(new CountDownLatch(1), new CountDownLatch(0)))));
            try {
                HttpResponse<String> health = get(chorus, "/healthz");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.headers().firstValue("content-type")).hasValueSatisfying(
                        v -> assertThat(v).startsWith("application/json"));
                JsonObject body = new JsonObject(health.body());
                assertThat(body.getString("status")).isEqualTo("ok");
                assertThat(body.getJsonObject("database").getString("kind")).isEqualTo(tdb.toString());
                assertThat(body.getJsonObject("database").getString("version")).isNotBlank();

                HttpResponse<String> missing = get(chorus, "/no/such/page");
                assertThat(missing.statusCode()).isEqualTo(404);
                assertThat(new JsonObject(missing.body()).getString("error")).isEqualTo("Not Found");

                HttpResponse<String> wrongMethod = client.send(HttpRequest.newBuilder(uri(chorus, "/healthz"))
                        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(wrongMethod.statusCode()).isEqualTo(405);
                assertThat(new JsonObject(wrongMethod.body()).containsKey("error")).isTrue();

                HttpResponse<String> crash = get(chorus, "/test/crash");
                assertThat(crash.statusCode()).isEqualTo(500);
                assertThat(crash.body()).isEqualTo("{\"error\":\"Internal Server Error\"}");

                HttpResponse<String> refused = get(chorus, "/test/client-error");
                assertThat(refused.statusCode()).isEqualTo(422);
                assertThat(new JsonObject(refused.body()).getString("error")).isEqualTo("That will not do");
            } finally {
                chorus.stop();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void stopFinishesInFlightRequestsThenRefusesConnections(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            CountDownLatch slowStarted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // A grace period no pause of a loaded machine reaches: the slow request must end because it
            // was released, not because the grace ran out while this thread was not scheduled.
            Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_SHUTDOWN_GRACE_SECONDS", "60")),
                    new Chorus.Extras(Clock.systemUTC(), List.of(testRoutes(slowStarted, release))));
            URI health = uri(chorus, "/healthz");
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                    HttpRequest.newBuilder(uri(chorus, "/test/slow")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(slowStarted.await(30, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(chorus::stop);
            Thread.sleep(300); // the server is now draining: the slow request is still open
            assertThat(stopping).isNotDone();
            release.countDown();

            HttpResponse<String> finished = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(finished.statusCode()).isEqualTo(200);
            assertThat(finished.body()).isEqualTo("finished");
            stopping.get(30, TimeUnit.SECONDS);

            HttpClient fresh = HttpClient.newHttpClient();
            assertThatThrownBy(() -> fresh.send(HttpRequest.newBuilder(health).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
        }
    }
}
