package social.chorus.federation.bench;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.federation.sig.ParsedSignature;
import social.chorus.federation.sig.Pem;
import social.chorus.federation.sig.SignatureVerifier;
import social.chorus.federation.sig.VerificationResult;

/**
 * How many of the benchmark's own signed requests one thread can check per second with
 * {@link SignatureVerifier}: parse the Signature header, check date and digest, RSA-2048 verify.
 * No HTTP, no database, no JSON-LD: the ceiling an inbox on one core could reach.
 */
final class VerifyCeiling {
    private static final Duration WARM_UP = Duration.ofMillis(500);

    private VerifyCeiling() {
    }

    /** Checks per second; every request must verify, or the figure would measure failures. */
    static double rate(List<HttpRequestView> requests, Function<String, PublicKey> keyFor, Duration duration) {
        SignatureVerifier verifier = new SignatureVerifier(Clock.systemUTC());
        loop(verifier, requests, keyFor, WARM_UP); // let the JIT compile the path first
        return loop(verifier, requests, keyFor, duration);
    }

    /** With decoded keys: a verifier whose key cache holds {@link PublicKey} objects. */
    static Function<String, PublicKey> decoded(Map<String, PublicKey> keys) {
        return keys::get;
    }

    /** Decoding the stored PEM for every request, as the inbox's SignatureCheck does today. */
    static Function<String, PublicKey> fromPem(Map<String, String> pems) {
        return keyId -> Pem.decodePublic(pems.get(keyId));
    }

    private static double loop(SignatureVerifier verifier, List<HttpRequestView> requests,
            Function<String, PublicKey> keyFor, Duration duration) {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long count = 0;
        int i = 0;
        long now;
        do {
            HttpRequestView request = requests.get(i);
            ParsedSignature parsed = verifier.parse(request).parsed()
                    .orElseThrow(() -> new AssertionError("a benchmark request did not parse: " + request));
            VerificationResult result = verifier.verify(parsed, request, keyFor.apply(parsed.keyId()));
            if (!result.isVerified()) {
                throw new AssertionError("a benchmark request did not verify: " + result.failure().orElseThrow());
            }
            count++;
            i = (i + 1) % requests.size();
            now = System.nanoTime();
        } while (now < deadline);
        return count / ((now - start) / 1e9);
    }
}
