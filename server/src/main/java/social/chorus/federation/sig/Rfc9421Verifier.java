package social.chorus.federation.sig;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;

/** Checks an RFC 9421 signature; cheap checks first, the public-key operation last. */
final class Rfc9421Verifier {
    private static final String CONTENT_DIGEST = "content-digest";

    private final TimeWindow window;

    Rfc9421Verifier(TimeWindow window) {
        this.window = window;
    }

    void verify(ParsedSignature sig, HttpRequestView request, PublicKey key) throws Rejection {
        requireCovered(sig);
        KeyType keyType = KeyMatch.resolve(sig.algorithm(), key);
        window.check("created", sig.created().orElseThrow(() -> new Rejection(FailureReason.DATE_MISSING,
                "the created parameter is required")));
        if (sig.expires().isPresent()) {
            window.checkNotExpired(sig.expires().get());
        }
        checkDigest(sig, request);
        String base = SignatureBase.build(sig.components(), sig.signatureParams(), request);
        if (!Crypto.verify(keyType, key, base.getBytes(StandardCharsets.UTF_8), sig.signature())) {
            throw new Rejection(FailureReason.BAD_SIGNATURE,
                    "signature " + sig.label() + " does not verify with key " + LogSafe.quote(sig.keyId()));
        }
    }

    /**
     * The method and the full target must be signed, or the signature could be replayed as a
     * different request: either {@code @target-uri}, or the authority plus the path.
     */
    private static void requireCovered(ParsedSignature sig) throws Rejection {
        if (!sig.covers(SignatureBase.METHOD)) {
            throw notSigned("@method");
        }
        boolean authority = sig.covers(SignatureBase.AUTHORITY) || sig.covers("host");
        boolean path = sig.covers(SignatureBase.PATH) || sig.covers(SignatureBase.REQUEST_TARGET);
        if (!sig.covers(SignatureBase.TARGET_URI) && !(authority && path)) {
            throw notSigned("@target-uri (or @authority with @path)");
        }
    }

    private static void checkDigest(ParsedSignature sig, HttpRequestView request) throws Rejection {
        if (!request.hasBody() && !sig.covers(CONTENT_DIGEST)) {
            return;
        }
        if (!request.headers().contains(CONTENT_DIGEST)) {
            throw new Rejection(FailureReason.DIGEST_MISSING, "request has a body but no Content-Digest header");
        }
        if (!sig.covers(CONTENT_DIGEST)) {
            throw notSigned(CONTENT_DIGEST);
        }
        Digests.checkContentDigest(String.join(", ", request.headers().all(CONTENT_DIGEST)), request);
    }

    private static Rejection notSigned(String what) {
        return new Rejection(FailureReason.REQUIRED_COMPONENT_NOT_SIGNED, what + " is not covered by the signature");
    }
}
