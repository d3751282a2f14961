package social.chorus.federation.sig;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The draft-cavage "signing string": one {@code name: value} line per covered header, joined
 * with {@code \n}, no trailing newline. Shared by signer and verifier so they cannot drift.
 */
final class CavageSigningString {
    static final String REQUEST_TARGET = "(request-target)";
    /** Spelling used by a few implementations that mixed the drafts; rendered like (request-target). */
    static final String AT_REQUEST_TARGET = "@request-target";
    static final String CREATED = "(created)";
    static final String EXPIRES = "(expires)";

    private CavageSigningString() {}

    static String build(List<String> components, HttpRequestView request, Optional<Instant> created,
            Optional<Instant> expires) throws Rejection {
        StringBuilder sb = new StringBuilder();
        for (String name : components) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(name).append(": ").append(value(name, request, created, expires));
        }
        return sb.toString();
    }

    private static String value(String name, HttpRequestView request, Optional<Instant> created,
            Optional<Instant> expires) throws Rejection {
        switch (name) {
            case REQUEST_TARGET:
            case AT_REQUEST_TARGET:
                // Lower-case method, then the target exactly as sent, query string included.
                return request.method().toLowerCase(Locale.ROOT) + " " + request.target();
            case CREATED:
                return seconds(created.orElseThrow(() -> new Rejection(FailureReason.MALFORMED_SIGNATURE,
                        "(created) is signed but the created parameter is missing")));
            case EXPIRES:
                return seconds(expires.orElseThrow(() -> new Rejection(FailureReason.MALFORMED_SIGNATURE,
                        "(expires) is signed but the expires parameter is missing")));
            default:
                List<String> values = request.headers().all(name);
                if (values.isEmpty()) {
                    throw new Rejection(FailureReason.SIGNED_COMPONENT_MISSING,
                            "signed header " + LogSafe.quote(name) + " is not in the request");
                }
                // Repeated fields are joined with ", " in wire order, as the draft specifies.
                StringBuilder joined = new StringBuilder();
                for (String v : values) {
                    if (joined.length() > 0) {
                        joined.append(", ");
                    }
                    joined.append(v.trim());
                }
                return joined.toString();
        }
    }

    private static String seconds(Instant t) {
        if (t.getNano() == 0) {
            return Long.toString(t.getEpochSecond());
        }
        return BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }
}
