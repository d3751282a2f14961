package social.chorus.federation.sig;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The RFC 9421 §2.5 signature base: one {@code "component": value} line per covered component,
 * then {@code "@signature-params": (…);params}, lines joined by {@code \n} with no trailing
 * newline. Derived components (§2.2) are computed from {@link HttpRequestView}.
 */
final class SignatureBase {
    static final String METHOD = "@method";
    static final String TARGET_URI = "@target-uri";
    static final String AUTHORITY = "@authority";
    static final String SCHEME = "@scheme";
    static final String REQUEST_TARGET = "@request-target";
    static final String PATH = "@path";
    static final String QUERY = "@query";
    static final String SIGNATURE_PARAMS = "@signature-params";

    /** The derived components we can reproduce; others (@query-param, @status) are refused. */
    static final Set<String> DERIVED = Set.of(METHOD, TARGET_URI, AUTHORITY, SCHEME, REQUEST_TARGET, PATH, QUERY);

    private SignatureBase() {}

    /**
     * @param components covered component names, lower case, without component parameters
     * @param signatureParams the serialised inner list with its parameters, e.g.
     *     {@code ("@method" "@authority");created=1618884473;keyid="k"}
     */
    static String build(List<String> components, String signatureParams, HttpRequestView request)
            throws Rejection {
        StringBuilder sb = new StringBuilder();
        for (String name : components) {
            sb.append(Sf.serialize(Sf.Item.of(name))).append(": ").append(value(name, request)).append('\n');
        }
        sb.append(Sf.serialize(Sf.Item.of(SIGNATURE_PARAMS))).append(": ").append(signatureParams);
        return sb.toString();
    }

    static String value(String name, HttpRequestView request) throws Rejection {
        String target = request.target();
        int q = target.indexOf('?');
        switch (name) {
            case METHOD:
                return request.method();
            case TARGET_URI:
                return request.scheme() + "://" + authority(request) + target;
            case AUTHORITY:
                return authority(request);
            case SCHEME:
                return request.scheme();
            case REQUEST_TARGET:
                return target;
            case PATH:
                String path = q < 0 ? target : target.substring(0, q);
                return path.isEmpty() ? "/" : path;
            case QUERY:
                // §2.2.7: an absent query is the lone "?".
                return q < 0 ? "?" : target.substring(q);
            default:
                if (name.startsWith("@")) {
                    throw new Rejection(FailureReason.UNSUPPORTED_COMPONENT,
                            "derived component " + LogSafe.quote(name) + " is not supported");
                }
                return field(name, request);
        }
    }

    /** §2.1: values trimmed, repeated lines joined with ", " in wire order. */
    private static String field(String name, HttpRequestView request) throws Rejection {
        List<String> values = request.headers().all(name);
        if (values.isEmpty()) {
            throw new Rejection(FailureReason.SIGNED_COMPONENT_MISSING,
                    "signed field " + LogSafe.quote(name) + " is not in the request");
        }
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(v.trim().replaceAll("\r?\n[ \t]+", " "));
        }
        return sb.toString();
    }

    /** §2.2.3: lower-case host, default port dropped (RFC 9110 §4.2.3 normalisation). */
    static String authority(HttpRequestView request) {
        String a = request.authority().toLowerCase(Locale.ROOT);
        String defaultPort = "https".equals(request.scheme()) ? ":443" : "http".equals(request.scheme()) ? ":80" : null;
        if (defaultPort != null && a.endsWith(defaultPort) && a.lastIndexOf(':') > a.lastIndexOf(']')) {
            return a.substring(0, a.length() - defaultPort.length());
        }
        return a;
    }
}
