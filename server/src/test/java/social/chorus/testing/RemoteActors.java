package social.chorus.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Set;
import social.chorus.federation.sig.HttpHeaders;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.federation.sig.Keys;
import social.chorus.federation.sig.Pem;
import social.chorus.federation.sig.RequestSigner;
import social.chorus.federation.sig.SignatureStyle;
import social.chorus.federation.sig.SigningKey;

/**
 * A Mastodon-shaped remote server (WireMock on 127.0.0.1) whose actors have real keys, and the
 * signing of requests as they would send them. Reaching it needs
 * {@code CHORUS_ALLOW_PRIVATE_ADDRESSES=true} on the instance under test.
 */
public final class RemoteActors implements AutoCloseable {
    /** The key every actor here publishes; generated once per JVM (an RSA key costs ~60 ms). */
    private static final KeyPair PUBLISHED = new Keys().generateRsa();
    /** A key nobody publishes: signatures made with it are forgeries. */
    private static final KeyPair FORGER = new Keys().generateRsa();
    /** java.net.http sets these itself and refuses them from callers. */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length");

    public final WireMockServer wm = new WireMockServer(
            WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort().jettyAcceptors(1));

    public RemoteActors() {
        wm.start();
        // Anything not published is a plain 404 (collections, unknown actors), without WireMock's mismatch report.
        wm.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)));
        // Deliveries to any inbox here (Accepts, Blocks) are taken.
        wm.stubFor(post(urlPathMatching("/.*inbox")).willReturn(aResponse().withStatus(202)));
    }

    public String base() {
        return "http://127.0.0.1:" + wm.port();
    }

    /** Publishes actor {@code name} at {@code BASE/users/NAME}, findable by WebFinger; returns its id. */
    public String actor(String name) {
        String id = base() + "/users/" + name;
        JsonObject doc = new JsonObject()
                .put("@context", new JsonArray().add("https://www.w3.org/ns/activitystreams")
                        .add("https://w3id.org/security/v1"))
                .put("id", id).put("type", "Person").put("preferredUsername", name).put("name", "Remote " + name)
                .put("inbox", id + "/inbox").put("outbox", id + "/outbox").put("followers", id + "/followers")
                .put("following", id + "/following").put("url", base() + "/@" + name)
                .put("endpoints", new JsonObject().put("sharedInbox", base() + "/inbox"))
                .put("publicKey", new JsonObject().put("id", id + "#main-key").put("owner", id)
                        .put("publicKeyPem", Pem.encodePublic(PUBLISHED.getPublic())));
        wm.stubFor(get(urlPathEqualTo("/users/" + name)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/activity+json; charset=utf-8").withBody(doc.encode())));
        String acct = "acct:" + name + "@127.0.0.1:" + wm.port();
        JsonObject jrd = new JsonObject().put("subject", acct).put("links", new JsonArray().add(new JsonObject()
                .put("rel", "self").put("type", "application/activity+json").put("href", id)));
        wm.stubFor(get(urlPathEqualTo("/.well-known/webfinger")).withQueryParam("resource", equalTo(acct))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/jrd+json")
                        .withBody(jrd.encode())));
        return id;
    }

    /** The key of {@code actorId} as it publishes it. */
    public static SigningKey key(String actorId) {
        return new SigningKey(actorId + "#main-key", PUBLISHED.getPrivate());
    }

    /** {@code actorId}'s keyId with a private key that does not belong to it. */
    public static SigningKey forgedKey(String actorId) {
        return new SigningKey(actorId + "#main-key", FORGER.getPrivate());
    }

    /** How many requests reached this server for a path (query ignored). */
    public long requestsTo(String path) {
        return wm.getAllServeEvents().stream().filter(e -> URI.create(e.getRequest().getUrl()).getPath().equals(path))
                .count();
    }

    /** A GET of {@code uri} signed as a remote server would sign it. */
    public static HttpRequest.Builder signedGet(URI uri, SigningKey key, SignatureStyle style, Clock clock) {
        HttpRequestView view = HttpRequestView.outbound("GET", uri,
                HttpHeaders.of("Accept", "application/activity+json"), null);
        return builder(uri, RequestSigner.of(style, clock).signed(view, key)).GET();
    }

    /** A POST of {@code body} to {@code uri}, signed (draft-cavage, with Digest) as Mastodon signs deliveries. */
    public static HttpRequest.Builder signedPost(URI uri, String body, SigningKey key, Clock clock) {
        HttpRequestView view = HttpRequestView.outbound("POST", uri,
                HttpHeaders.of("Content-Type", "application/activity+json"), body.getBytes(StandardCharsets.UTF_8));
        return builder(uri, RequestSigner.of(SignatureStyle.CAVAGE, clock).signed(view, key))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** A request with exactly the headers of a signed view (Host and Content-Length come from the client). */
    public static HttpRequest.Builder builder(URI uri, HttpRequestView signed) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        signed.headers().entries().stream().filter(h -> !SET_BY_CLIENT.contains(h.name().toLowerCase()))
                .forEach(h -> b.header(h.name(), h.value()));
        return b;
    }

    @Override
    public void close() {
        wm.stop();
    }
}
