package social.chorus.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import social.chorus.app.Chorus;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * /healthz turns 503 while the database refuses connections and 200 again once it is back.
 * Only MariaDB can be taken away from a running process: an embedded H2 file lives in the process.
 */
class HealthUnavailableTest {
    @Test
    void mariadbGoingAwayAndComingBack() throws Exception {
        String user = "chorus_h_" + UUID.randomUUID().toString().substring(0, 8);
        try (TestDatabase tdb = TestDatabase.mariadb()) {
            String database = tdb.config().url().substring(tdb.config().url().lastIndexOf('/') + 1);
            tdb.adminExecute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'");
            tdb.adminExecute("GRANT ALL ON `" + database + "`.* TO '" + user + "'@'%'");
            try {
                Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_DB_USER", user,
                        "CHORUS_DB_PASSWORD", "pw")));
                HttpClient client = HttpClient.newHttpClient();
                HttpRequest health = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + chorus.httpPort() + "/healthz")).build();
                try {
                    assertThat(client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

                    tdb.adminExecute("ALTER USER '" + user + "'@'%' ACCOUNT LOCK");
                    tdb.adminExecute("BEGIN NOT ATOMIC FOR c IN (SELECT id FROM information_schema.processlist"
                            + " WHERE user = '" + user + "') DO KILL CONNECTION c.id; END FOR; END");
                    HttpResponse<String> down = client.send(health, HttpResponse.BodyHandlers.ofString());
                    assertThat(down.statusCode()).isEqualTo(503);
                    JsonObject body = new JsonObject(down.body());
                    assertThat(body.getString("status")).isEqualTo("unavailable");
                    assertThat(body.getJsonObject("database").getString("kind")).isEqualTo("mariadb");
                    assertThat(body.getJsonObject("database").getBoolean("reachable")).isFalse();
                    assertThat(down.body()).doesNotContain(user).doesNotContain("pw\"");

                    tdb.adminExecute("ALTER USER '" + user + "'@'%' ACCOUNT UNLOCK");
                    // The pool reconnects in its own time: wait for it, a loaded machine may take a while.
                    int status = client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode();
                    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
                    while (status != 200 && System.nanoTime() < deadline) {
                        Thread.sleep(200);
                        status = client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode();
                    }
                    assertThat(status).isEqualTo(200);
                } finally {
                    chorus.stop();
                }
            } finally {
                tdb.adminExecute("DROP USER IF EXISTS '" + user + "'@'%'");
            }
        }
    }
}
