package social.chorus.federation.sig;

import java.security.PublicKey;
import java.time.Clock;
import java.util.Objects;

/**
 * Verifies inbound HTTP signatures in two steps, so that key lookup (fetching, caching, refetch
 * after rotation) stays in the inbox layer:
 *
 * <pre>{@code
 * ParseResult p = verifier.parse(request);          // what does it claim? which keyId?
 * PublicKey key = ...look up p.parsed().get().keyId()...;
 * VerificationResult r = verifier.verify(p.parsed().get(), request, key);
 * }</pre>
 *
 * Whether the key's owner may act for the activity's actor is not decided here either.
 * Thread-safe and stateless apart from the injected clock.
 */
public final class SignatureVerifier {
    private final CavageVerifier cavage;
    private final Rfc9421Verifier rfc9421;

    public SignatureVerifier(Clock clock, VerifierOptions options) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(options, "options");
        TimeWindow window = new TimeWindow(clock, options.window());
        this.cavage = new CavageVerifier(window);
        this.rfc9421 = new Rfc9421Verifier(window);
    }

    public SignatureVerifier(Clock clock) {
        this(clock, VerifierOptions.defaults());
    }

    /** RFC 9421 when a Signature-Input header is present, draft-cavage otherwise. */
    public ParseResult parse(HttpRequestView request) {
        try {
            ParsedSignature sig = request.headers().contains("signature-input")
                    ? Rfc9421Parser.parse(request) : CavageParser.parse(request);
            return new ParseResult.Parsed(sig);
        } catch (Rejection r) {
            return r.toFailure();
        }
    }

    public VerificationResult verify(ParsedSignature signature, HttpRequestView request, PublicKey key) {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(key, "key");
        try {
            if (signature.style() == SignatureStyle.RFC9421) {
                rfc9421.verify(signature, request, key);
            } else {
                cavage.verify(signature, request, key);
            }
            return new VerificationResult.Verified(signature);
        } catch (Rejection r) {
            return r.toFailure();
        }
    }
}
