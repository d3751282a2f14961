package social.chorus.federation.sig;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks a draft-cavage signature. Cheap checks run before the RSA operation so that stale or
 * incomplete requests cost us no public-key work.
 */
final class CavageVerifier {
    private final TimeWindow window;

    CavageVerifier(TimeWindow window) {
        this.window = window;
    }

    void verify(ParsedSignature sig, HttpRequestView request, PublicKey key) throws Rejection {
        requireCovered(sig);
        KeyType keyType = KeyMatch.resolve(sig.algorithm(), key);
        checkTime(sig, request);
        checkDigest(sig, request);
        String signingString = CavageSigningString.build(sig.components(), request, sig.created(), sig.expires());
        if (!Crypto.verify(keyType, key, signingString.getBytes(StandardCharsets.UTF_8), sig.signature())) {
            throw new Rejection(FailureReason.BAD_SIGNATURE,
                    "signature does not verify with key " + LogSafe.quote(sig.keyId()));
        }
    }

    /**
     * Without the target and host a signature could be replayed against another inbox or server;
     * without a time it could be replayed forever.
     */
    private static void requireCovered(ParsedSignature sig) throws Rejection {
        if (!sig.covers(CavageSigningString.REQUEST_TARGET) && !sig.covers(CavageSigningString.AT_REQUEST_TARGET)) {
            throw notSigned("(request-target)");
        }
        if (!sig.covers("host")) {
            throw notSigned("host");
        }
        if (!sig.covers("date") && !sig.covers(CavageSigningString.CREATED)) {
            throw notSigned("date (or (created))");
        }
    }

    private void checkTime(ParsedSignature sig, HttpRequestView request) throws Rejection {
        if (sig.covers("date")) {
            Optional<String> header = request.headers().first("date");
            if (header.isEmpty()) {
                throw new Rejection(FailureReason.DATE_MISSING, "Date is signed but absent");
            }
            Instant date = HttpDates.parse(header.get()).orElseThrow(() -> new Rejection(
                    FailureReason.DATE_MISSING, "Date " + LogSafe.quote(header.get()) + " is not an HTTP date"));
            window.check("Date", date);
        }
        if (sig.covers(CavageSigningString.CREATED)) {
            Instant created = sig.created().orElseThrow(() -> new Rejection(FailureReason.DATE_MISSING,
                    "(created) is signed but the created parameter is missing"));
            window.check("created", created);
        }
        if (sig.expires().isPresent()) {
            window.checkNotExpired(sig.expires().get());
        }
    }

    private static void checkDigest(ParsedSignature sig, HttpRequestView request) throws Rejection {
        if (!request.hasBody() && !sig.covers("digest")) {
            return;
        }
        if (!request.headers().contains("digest")) {
            throw new Rejection(FailureReason.DIGEST_MISSING, "request has a body but no Digest header");
        }
        if (!sig.covers("digest")) {
            throw notSigned("digest");
        }
        Digests.checkDigest(request.headers().all("digest"), request);
    }

    private static Rejection notSigned(String what) {
        return new Rejection(FailureReason.REQUIRED_COMPONENT_NOT_SIGNED, what + " is not covered by the signature");
    }
}
