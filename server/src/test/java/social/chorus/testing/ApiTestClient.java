package social.chorus.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import social.chorus.app.Chorus;

/** Drives one in-process instance over real HTTP, as an app or a browser would (no redirects followed). */
public final class ApiTestClient {
    private static final Pattern CSRF = Pattern.compile("name=\"authenticity_token\" value=\"([^\"]+)\"");
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern SESSION = Pattern.compile("chorus_session=([^;]*)");

    public record Response(int status, String body, HttpHeaders headers) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The session cookie this response sets, if any. */
        public Optional<String> sessionCookie() {
            return headers.allValues("set-cookie").stream().map(SESSION::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).reduce((a, b) -> b);
        }

        /** The hidden inputs of the page's first form, unescaped, as a browser would submit them. */
        public Map<String, String> hiddenFields() {
            Map<String, String> out = new LinkedHashMap<>();
            String form = body.substring(body.indexOf("<form"), body.indexOf("</form>"));
            Matcher m = HIDDEN.matcher(form);
            while (m.find()) {
                out.put(m.group(1), m.group(2).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                        .replace("&gt;", ">").replace("&amp;", "&"));
            }
            return out;
        }

        public String csrf() {
            Matcher m = CSRF.matcher(body);
            assertThat(m.find()).as("a CSRF token in the page: " + body).isTrue();
            return m.group(1);
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiTestClient(Chorus chorus) {
        String url = chorus.config().baseUrl();
        this.base = url.startsWith("http://") ? url : "http://127.0.0.1:" + chorus.httpPort();
    }

    /** For an instance in another process (the real jar): requests go to {@code baseUrl}. */
    public ApiTestClient(String baseUrl) {
        this.base = baseUrl;
    }

    /**
     * Requests go to the instance's public URL when it is plain http (a development instance), so
     * that the Host header names its domain as a peer's would; an https instance (behind a proxy
     * in real life) is reached on its socket.
     */
    public URI uri(String path) {
        return URI.create(base + path);
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path, String token) {
        return send(withAuth(HttpRequest.newBuilder(uri(path)).GET(), token));
    }

    /** A browser GET with the session cookie (may be null). */
    public Response browse(String path, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (cookie != null) {
            b.header("Cookie", "chorus_session=" + cookie);
        }
        return send(b);
    }

    public Response postForm(String path, Map<String, String> form, String token) {
        return send(withAuth(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))), token));
    }

    /** A browser form POST with the session cookie (may be null). */
    public Response submit(String path, Map<String, String> form, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (cookie != null) {
            b.header("Cookie", "chorus_session=" + cookie);
        }
        return send(b);
    }

    public Response postJson(String path, String json, String token) {
        return send(withAuth(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), token));
    }

    public Response patchJson(String path, String json, String token) {
        return send(withAuth(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)), token));
    }

    public Response patchForm(String path, Map<String, String> form, String token) {
        return send(withAuth(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(form(form))), token));
    }

    /** Registers an app; returns the Application entity with client_id and client_secret. */
    public JsonObject registerApp(String redirectUris, String scopes) {
        Response r = postForm("/api/v1/apps", Map.of("client_name", "Test App", "redirect_uris", redirectUris,
                "scopes", scopes, "website", "https://app.example"), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    public String appToken(JsonObject app, String scope) {
        Response r = postForm("/oauth/token", Map.of("grant_type", "client_credentials", "client_id",
                app.getString("client_id"), "client_secret", app.getString("client_secret"), "scope", scope), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getString("access_token");
    }

    /** POST /api/v1/accounts with an app token; returns the response (200 with a user token, or an error). */
    public Response registerAccount(String appToken, String username, String password) {
        return postForm("/api/v1/accounts", Map.of("username", username, "email", username + "@example.org",
                "password", password, "agreement", "true", "locale", "en"), appToken);
    }

    public static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    private static HttpRequest.Builder withAuth(HttpRequest.Builder b, String token) {
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }
}
