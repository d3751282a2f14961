package social.chorus.federation.sig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Shared test material: fixed clocks, the resource keys and a tiny HTTP-message reader. */
final class SigFixtures {
    /** The Date of the captured Mastodon request, and "now" for most tests. */
    static final Instant NOW = Instant.parse("2025-01-14T10:00:00Z");
    static final String BOB_KEY_ID = "https://mastodon.example/users/bob#main-key";
    static final String ALICE_KEY_ID = "https://chorus.example/users/alice#main-key";
    static final URI ALICE_INBOX = URI.create("https://chorus.example/users/alice/inbox");
    static final byte[] FOLLOW = ("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"type\":\"Follow\","
            + "\"actor\":\"https://chorus.example/users/alice\",\"object\":\"https://mastodon.example/users/bob\"}")
            .getBytes(StandardCharsets.UTF_8);

    private SigFixtures() {}

    static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static Clock clockAt(Duration offsetFromNow) {
        return clockAt(NOW.plus(offsetFromNow));
    }

    static SignatureVerifier verifierAt(Instant instant) {
        return new SignatureVerifier(clockAt(instant));
    }

    static String resource(String name) {
        try (InputStream in = SigFixtures.class.getResourceAsStream("/sig/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource sig/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PrivateKey bobPrivate() {
        return Pem.decodePrivate(resource("mastodon-bob.key.pem"));
    }

    static PublicKey bobPublic() {
        return Pem.decodePublic(resource("mastodon-bob.pub.pem"));
    }

    static KeyPair bob() {
        return new KeyPair(bobPublic(), bobPrivate());
    }

    /**
     * Reads "METHOD target HTTP/1.1", header lines, a blank line and the body (to the end of the
     * text, byte for byte) into an inbound request view.
     */
    static HttpRequestView parseHttp(String text) {
        int split = text.indexOf("\n\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 2);
        String[] lines = head.split("\n");
        String[] requestLine = lines[0].split(" ");
        List<HttpHeaders.Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new HttpHeaders.Header(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim()));
        }
        return HttpRequestView.inbound(requestLine[0], requestLine[1], HttpHeaders.fromEntries(headers),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses, expecting success. */
    static ParsedSignature parsed(SignatureVerifier verifier, HttpRequestView request) {
        ParseResult result = verifier.parse(request);
        if (result instanceof SignatureFailure f) {
            throw new AssertionError("expected the signature to parse, got " + f);
        }
        return result.parsed().orElseThrow();
    }

    /** Parses then verifies; a parse failure is returned as the result. */
    static VerificationResult parseAndVerify(SignatureVerifier verifier, HttpRequestView request, PublicKey key) {
        ParseResult result = verifier.parse(request);
        if (result instanceof SignatureFailure f) {
            return f;
        }
        return verifier.verify(result.parsed().orElseThrow(), request, key);
    }
}
