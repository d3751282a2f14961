package social.chorus.federation.discovery;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import social.chorus.app.Chorus;
import social.chorus.model.Account;
import social.chorus.process.account.SignUp;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/** A whole instance in-process on its own database, with an HTTP client for the discovery routes. */
final class TestInstance implements AutoCloseable {
    static final String AP = "application/activity+json";
    static final String LD = "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";
    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    final TestDatabase db;
    final Chorus chorus;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestInstance(TestDatabase db, Chorus chorus) {
        this.db = db;
        this.chorus = chorus;
    }

    static TestInstance start(TestDatabase.Kind kind) {
        return start(kind, Map.of());
    }

    static TestInstance start(TestDatabase.Kind kind, Map<String, String> env) {
        TestDatabase db = TestDatabase.create(kind);
        try {
            return new TestInstance(db, Chorus.start(TestConfig.of(db, env)));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** {@code http://localhost:PORT}, the base of every id. */
    String base() {
        return chorus.config().baseUrl();
    }

    String domain() {
        return chorus.config().domain();
    }

    HttpResponse<String> get(String pathAndQuery, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + chorus.httpPort() + pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A GET sent byte for byte over a socket, for request targets java.net.http refuses to send
     * (broken %-escapes); returns the whole response as text.
     */
    String rawGet(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", chorus.httpPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: " + domain()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    JsonObject getJson(String pathAndQuery, String accept, int expectedStatus) throws Exception {
        HttpResponse<String> r = get(pathAndQuery, accept);
        if (r.statusCode() != expectedStatus) {
            throw new AssertionError("GET " + pathAndQuery + ": expected " + expectedStatus + ", got "
                    + r.statusCode() + ": " + r.body());
        }
        return new JsonObject(r.body());
    }

    Account signUp(String username, String displayName, SignUp.Origin origin) {
        return chorus.services().accounts().signUp(new SignUp(username, username + "@example.org",
                "long enough password", displayName, "I like <b>bold</b> claims & more", SignUp.Role.USER,
                origin)).await();
    }

    @Override
    public void close() {
        try {
            chorus.stop();
        } finally {
            db.close();
        }
    }
}
