package social.chorus.federation.sig;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads a draft-cavage {@code Signature} (or {@code Authorization: Signature}) header. */
final class CavageParser {
    private static final String AUTH_SCHEME = "signature ";

    private CavageParser() {}

    static ParsedSignature parse(HttpRequestView request) throws Rejection {
        String value = headerValue(request.headers());
        Map<String, String> params = params(value);
        String keyId = require(params, "keyid");
        String signature = require(params, "signature");
        SignatureAlgorithm algorithm = algorithm(params.get("algorithm"));
        List<String> components = components(params.get("headers"));
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            throw malformed("signature is not base64");
        }
        if (signatureBytes.length == 0) {
            throw malformed("signature is empty");
        }
        return new ParsedSignature(SignatureStyle.CAVAGE, keyId, algorithm, components,
                timestamp(params, "created"), timestamp(params, "expires"), "", "", signatureBytes);
    }

    private static String headerValue(HttpHeaders headers) throws Rejection {
        List<String> signatures = headers.all("signature");
        if (signatures.size() > 1) {
            throw malformed("more than one Signature header");
        }
        if (signatures.size() == 1) {
            return signatures.get(0);
        }
        for (String auth : headers.all("authorization")) {
            if (auth.length() > AUTH_SCHEME.length()
                    && auth.regionMatches(true, 0, AUTH_SCHEME, 0, AUTH_SCHEME.length())) {
                return auth.substring(AUTH_SCHEME.length());
            }
        }
        throw new Rejection(FailureReason.MISSING_SIGNATURE, "request has no Signature header");
    }

    /**
     * {@code name="value",name=value,…}. Names are matched case-insensitively because senders
     * disagree about {@code keyId} vs {@code keyid}; a repeated name is ambiguous, so rejected.
     */
    static Map<String, String> params(String value) throws Rejection {
        Map<String, String> params = new HashMap<>();
        int i = 0;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int eq = value.indexOf('=', i);
            if (eq < 0) {
                throw malformed("parameter without '='");
            }
            String name = value.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.indexOf(',') >= 0 || name.indexOf('"') >= 0) {
                throw malformed("bad parameter name");
            }
            i = eq + 1;
            StringBuilder v = new StringBuilder();
            if (i < n && value.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char ch = value.charAt(i++);
                    if (ch == '\\' && i < n) {
                        v.append(value.charAt(i++));
                    } else if (ch == '"') {
                        closed = true;
                        break;
                    } else {
                        v.append(ch);
                    }
                }
                if (!closed) {
                    throw malformed("unterminated quoted value for " + name);
                }
            } else {
                int end = value.indexOf(',', i);
                end = end < 0 ? n : end;
                v.append(value, i, end);
                i = end;
            }
            if (params.put(name, v.toString().trim()) != null) {
                throw malformed("parameter " + LogSafe.quote(name) + " appears twice");
            }
        }
        return params;
    }

    private static SignatureAlgorithm algorithm(String name) throws Rejection {
        if (name == null) {
            // The draft says: derive the algorithm from the key's metadata, which is what hs2019 means.
            return SignatureAlgorithm.HS2019;
        }
        return SignatureAlgorithm.byWireName(SignatureStyle.CAVAGE, name).orElseThrow(() -> new Rejection(
                FailureReason.UNSUPPORTED_ALGORITHM, "algorithm " + LogSafe.quote(name) + " is not supported"));
    }

    private static List<String> components(String headers) throws Rejection {
        if (headers == null) {
            // Per the draft an absent list means "date" alone; the verifier then rejects it for
            // not covering the request target and host.
            return List.of("date");
        }
        List<String> list = new ArrayList<>();
        for (String h : headers.trim().split("[ \t]+")) {
            if (h.isEmpty()) {
                continue;
            }
            String name = h.toLowerCase(Locale.ROOT);
            if (list.contains(name)) {
                throw malformed("header " + LogSafe.quote(name) + " listed twice");
            }
            list.add(name);
        }
        if (list.isEmpty()) {
            throw malformed("headers parameter is empty");
        }
        return list;
    }

    private static Optional<Instant> timestamp(Map<String, String> params, String name) throws Rejection {
        String text = params.get(name);
        if (text == null) {
            return Optional.empty();
        }
        if (!text.matches("\\d{1,12}(\\.\\d{1,9})?")) {
            throw malformed(name + " is not a Unix timestamp");
        }
        // Fractional seconds are allowed for expires by the draft; keep them so the
        // (expires) line can be rebuilt.
        BigDecimal seconds = new BigDecimal(text);
        long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValueExact();
        return Optional.of(Instant.ofEpochSecond(whole, nanos));
    }

    private static String require(Map<String, String> params, String name) throws Rejection {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            throw malformed("Signature header has no " + name);
        }
        return v;
    }

    private static Rejection malformed(String message) {
        return new Rejection(FailureReason.MALFORMED_SIGNATURE, message);
    }
}
