package social.chorus.federation.sig;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads RFC 9421 {@code Signature-Input} and {@code Signature} dictionaries. */
final class Rfc9421Parser {
    private Rfc9421Parser() {}

    static ParsedSignature parse(HttpRequestView request) throws Rejection {
        Map<String, Sf.Member> inputs = dictionary(request.headers().all("signature-input"), "Signature-Input");
        List<String> sigHeaders = request.headers().all("signature");
        if (sigHeaders.isEmpty()) {
            throw new Rejection(FailureReason.MISSING_SIGNATURE, "Signature-Input without a Signature header");
        }
        Map<String, Sf.Member> signatures = dictionary(sigHeaders, "Signature");
        Rejection firstProblem = null;
        // A sender may attach several signatures (e.g. for different verifiers); take the first
        // one we can check and report the first problem only if none qualifies.
        for (Map.Entry<String, Sf.Member> e : inputs.entrySet()) {
            Sf.Member sig = signatures.get(e.getKey());
            if (sig == null) {
                continue;
            }
            try {
                return parseOne(e.getKey(), e.getValue(), sig);
            } catch (Rejection r) {
                firstProblem = firstProblem == null ? r : firstProblem;
            }
        }
        if (firstProblem != null) {
            throw firstProblem;
        }
        throw malformed("no Signature entry matches a Signature-Input label");
    }

    private static ParsedSignature parseOne(String label, Sf.Member input, Sf.Member signature) throws Rejection {
        if (!(input instanceof Sf.InnerList list)) {
            throw malformed("Signature-Input " + label + " is not an inner list");
        }
        if (!(signature instanceof Sf.Item item) || !(item.value() instanceof Sf.Bytes bytes)) {
            throw malformed("Signature " + label + " is not a byte sequence");
        }
        List<String> components = components(list);
        Map<String, Object> params = list.params();
        String keyId = stringParam(params, "keyid")
                .orElseThrow(() -> malformed("Signature-Input " + label + " has no keyid"));
        SignatureAlgorithm algorithm = algorithm(stringParam(params, "alg"));
        return new ParsedSignature(SignatureStyle.RFC9421, keyId, algorithm, components,
                timeParam(params, "created"), timeParam(params, "expires"), label, Sf.serialize(list),
                bytes.value());
    }

    private static List<String> components(Sf.InnerList list) throws Rejection {
        List<String> names = new ArrayList<>();
        for (Sf.Item c : list.items()) {
            if (!(c.value() instanceof String name)) {
                throw malformed("component identifiers must be strings");
            }
            if (!c.params().isEmpty()) {
                // ;sf, ;key, ;bs, ;req, ;tr and @query-param's ;name change how values are
                // computed; we do not implement them, so we cannot check such a signature.
                throw new Rejection(FailureReason.UNSUPPORTED_COMPONENT,
                        "component parameters are not supported (" + LogSafe.quote(name) + ")");
            }
            if (!name.equals(name.toLowerCase(Locale.ROOT)) || name.isEmpty()) {
                throw malformed("component names must be lower case");
            }
            if (name.equals(SignatureBase.SIGNATURE_PARAMS)) {
                throw malformed("@signature-params cannot be a covered component");
            }
            if (name.startsWith("@") && !SignatureBase.DERIVED.contains(name)) {
                throw new Rejection(FailureReason.UNSUPPORTED_COMPONENT,
                        "derived component " + LogSafe.quote(name) + " is not supported");
            }
            if (names.contains(name)) {
                throw malformed("component " + LogSafe.quote(name) + " is covered twice");
            }
            names.add(name);
        }
        return names;
    }

    private static SignatureAlgorithm algorithm(Optional<String> alg) throws Rejection {
        if (alg.isEmpty()) {
            return SignatureAlgorithm.FROM_KEY;
        }
        return SignatureAlgorithm.byWireName(SignatureStyle.RFC9421, alg.get()).orElseThrow(() -> new Rejection(
                FailureReason.UNSUPPORTED_ALGORITHM, "alg " + LogSafe.quote(alg.get()) + " is not supported"));
    }

    private static Optional<String> stringParam(Map<String, Object> params, String name) throws Rejection {
        Object v = params.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw malformed(name + " must be a string");
        }
        return Optional.of(s);
    }

    private static Optional<Instant> timeParam(Map<String, Object> params, String name) throws Rejection {
        Object v = params.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Long seconds)) {
            throw malformed(name + " must be an integer");
        }
        return Optional.of(Instant.ofEpochSecond(seconds));
    }

    private static Map<String, Sf.Member> dictionary(List<String> lines, String header) throws Rejection {
        try {
            return SfParser.dictionary(String.join(", ", lines));
        } catch (IllegalArgumentException e) {
            throw malformed(header + " is not a valid structured dictionary");
        }
    }

    private static Rejection malformed(String message) {
        return new Rejection(FailureReason.MALFORMED_SIGNATURE, message);
    }
}
