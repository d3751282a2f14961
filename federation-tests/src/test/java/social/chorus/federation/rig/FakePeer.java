package social.chorus.federation.rig;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import social.chorus.federation.sig.HttpHeaders;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.federation.sig.Keys;
import social.chorus.federation.sig.Pem;
import social.chorus.federation.sig.RequestSigner;
import social.chorus.federation.sig.SignatureStyle;

/**
 * One remote server of a given {@link Platform}, played by a WireMock server on a dynamic port of
 * 127.0.0.1. It serves WebFinger and actor documents shaped like that platform's, journals every
 * POST to an inbox (answering as the platform does: 2xx to a draft-cavage signature, a refusal
 * to an RFC 9421-only one, which makes Chorus fall back to cavage), and sends signed activities
 * to Chorus the way the platform sends them. Each account has its own RSA key.
 */
public final class FakePeer implements AutoCloseable {
    /** Personal inboxes ({@code /users/x/inbox}, {@code /c/x/inbox}) and the shared {@code /inbox}. */
    private static final String INBOX = "(/.*)?/inbox";
    /** A send that hangs fails the test well before its {@code @Timeout}. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<String> NOT_SETTABLE = Set.of("host", "content-length", "connection");

    private final Platform platform;
    private final WireMockServer wm;
    private final Keys keys = new Keys();
    private final RequestSigner signer = RequestSigner.of(SignatureStyle.CAVAGE, Clock.systemUTC());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A request as signed: posting it again replays it byte for byte. */
    public record SignedPost(URI uri, HttpHeaders headers, byte[] body, JsonObject activity) {
    }

    private FakePeer(Platform platform, WireMockServer wm) {
        this.platform = platform;
        this.wm = wm;
    }

    public static FakePeer start(Platform platform) {
        WireMockServer wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .jettyAcceptors(1).containerThreads(16).notifier(new Slf4jNotifier(false)));
        wm.start();
        FakePeer peer = new FakePeer(platform, wm);
        peer.stubInboxes();
        return peer;
    }

    public Platform platform() {
        return platform;
    }

    public PeerDialect dialect() {
        return platform.dialect();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String origin() {
        return "http://127.0.0.1:" + wm.port();
    }

    public PeerActor addPerson(String name) {
        return add(name, false);
    }

    /** A Lemmy community. */
    public PeerActor addGroup(String name) {
        return add(name, true);
    }

    private PeerActor add(String name, boolean group) {
        PeerDialect d = dialect();
        String id = origin() + d.actorPath(name, group);
        KeyPair pair = keys.generateRsa();
        PeerActor actor = new PeerActor(name, group, id, d.keyId(id), d.inbox(id), pair, origin());
        String pem = Pem.encodePublic(pair.getPublic());
        JsonObject jrd = d.webFinger(actor);
        for (String resource : List.of("acct:" + actor.acct(), actor.id())) {
            wm.stubFor(get(urlPathEqualTo("/.well-known/webfinger")).withQueryParam("resource", equalTo(resource))
                    .willReturn(json(jrd, d.jrdContentType())));
        }
        wm.stubFor(get(urlEqualTo(actor.path())).willReturn(json(d.actorDocument(actor, pem),
                "application/activity+json; charset=utf-8")));
        d.keyDocument(actor, pem).ifPresent(stub -> wm.stubFor(get(urlEqualTo(
                actor.keyId().substring(origin().length()))).willReturn(json(stub, "application/activity+json"))));
        return actor;
    }

    private void stubInboxes() {
        stubInboxes(0);
    }

    /**
     * From now on every inbox takes {@code delay} to answer (the request is journaled at once), as a
     * slow server does: deliveries to it stay in flight that long.
     */
    public void slowInboxes(Duration delay) {
        stubInboxes((int) delay.toMillis());
    }

    /** Every POST to an inbox received so far, answered or still waiting for its answer. */
    public List<JsonObject> inboxPostsSoFar() {
        return wm.getAllServeEvents().stream()
                .filter(e -> "POST".equals(e.getRequest().getMethod().getName())
                        && e.getRequest().getUrl().endsWith("/inbox"))
                .map(e -> new JsonObject(e.getRequest().getBodyAsString())).toList();
    }

    private void stubInboxes(int delayMillis) {
        PeerDialect d = dialect();
        // Anything else (collections, avatars): a plain 404, and no "request was not matched" report.
        wm.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().withStatus(404)));
        wm.stubFor(WireMock.post(urlPathMatching(INBOX)).atPriority(1)
                .withHeader("Signature-Input", matching(".+"))
                .willReturn(aResponse().withStatus(d.rfc9421Refusal()).withFixedDelay(delayMillis)));
        wm.stubFor(WireMock.post(urlPathMatching(INBOX)).atPriority(2)
                .withHeader("Signature-Input", absent())
                .willReturn(aResponse().withStatus(d.inboxStatus()).withFixedDelay(delayMillis)));
    }

    private static ResponseDefinitionBuilder json(JsonObject body, String contentType) {
        return aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(body.encode());
    }

    /** Every delivery the inboxes took (2xx), oldest first. */
    public List<Delivery> deliveries() {
        List<ServeEvent> events = new ArrayList<>(wm.getAllServeEvents());
        Collections.reverse(events); // the journal lists the newest first
        List<Delivery> out = new ArrayList<>();
        for (ServeEvent e : events) {
            var r = e.getRequest();
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if ("POST".equals(r.getMethod().getName()) && r.getUrl().endsWith("/inbox") && status / 100 == 2) {
                out.add(new Delivery(r.getUrl(), new JsonObject(r.getBodyAsString()), r));
            }
        }
        return out;
    }

    public List<Delivery> deliveries(String type) {
        return deliveries().stream().filter(d -> type.equals(d.type())).toList();
    }

    /** The first delivery matching {@code test}, waiting (bounded) for it. */
    public Delivery awaitDelivery(String what, Predicate<Delivery> test) {
        return Eventually.value(what + " reaches " + platform, () -> deliveries().stream().filter(test).findFirst());
    }

    /** Signs {@code activity} as {@code from} (draft-cavage, with its own key) for {@code inbox}. */
    public SignedPost sign(PeerActor from, String inbox, JsonObject activity) {
        URI uri = URI.create(inbox);
        byte[] body = activity.encode().getBytes(StandardCharsets.UTF_8);
        HttpHeaders base = HttpHeaders.of("Content-Type", dialect().activityContentType(),
                "Accept", "application/activity+json", "User-Agent", dialect().userAgent(origin()));
        HttpRequestView view = HttpRequestView.outbound("POST", uri, base, body);
        return new SignedPost(uri, base.replacingAll(signer.sign(view, from.signingKey())), body, activity);
    }

    /** Sends a signed request; returns the status Chorus answered. */
    public int post(SignedPost signed) {
        HttpRequest.Builder b = HttpRequest.newBuilder(signed.uri()).timeout(SEND_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()));
        for (HttpHeaders.Header h : signed.headers().entries()) {
            // The client writes Host itself, from the URI: the same authority that was signed.
            if (!NOT_SETTABLE.contains(h.name().toLowerCase(Locale.ROOT))) {
                b.header(h.name(), h.value());
            }
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("POST to " + signed.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs and sends {@code activity} from {@code from} to the inbox the platform picks on {@code localActor}. */
    public int send(PeerActor from, JsonObject localActor, JsonObject activity) {
        return post(sign(from, dialect().deliveryInbox(localActor), activity));
    }

    @Override
    public void close() {
        wm.stop();
    }
}
