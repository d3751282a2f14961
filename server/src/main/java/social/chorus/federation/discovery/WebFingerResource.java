package social.chorus.federation.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code resource} of a WebFinger query, parsed without I/O: {@code acct:user@domain} (also
 * {@code acct:@user@domain} and a bare {@code user@domain}, as clients send them) or an http(s)
 * URL of this instance. Anything that is neither is malformed (400); a well-formed resource of
 * another server, or a name that cannot exist here, is not here (404).
 */
sealed interface WebFingerResource {
    int MAX_LENGTH = 2048;

    /** A local username, lower-cased. */
    record Acct(String username) implements WebFingerResource {
    }

    /** A URL on this instance (scheme, host and port of the base URL), without fragment. */
    record Url(String url) implements WebFingerResource {
    }

    /** Well-formed but cannot name an account of this instance. */
    record NotHere() implements WebFingerResource {
    }

    record Malformed(String why) implements WebFingerResource {
    }

    Pattern USERNAME = Pattern.compile("[a-z0-9_]{1,30}");

    static WebFingerResource parse(String raw, String domain, String baseUrl) {
        if (raw == null || raw.isBlank()) {
            return new Malformed("The resource parameter is required");
        }
        String s = raw.strip();
        if (s.length() > MAX_LENGTH) {
            return new Malformed("The resource is too long");
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return url(s, baseUrl);
        }
        if (lower.startsWith("acct:")) {
            s = s.substring("acct:".length());
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') < s.indexOf('@')) {
            return new Malformed("The resource must be acct:user@domain or an http(s) URL");
        }
        if (s.startsWith("@")) {
            s = s.substring(1);
        }
        int at = s.indexOf('@');
        if (at <= 0 || at == s.length() - 1 || s.indexOf('@', at + 1) >= 0) {
            return new Malformed("The resource must be acct:user@domain or an http(s) URL");
        }
        String user = s.substring(0, at).toLowerCase(Locale.ROOT);
        String host = s.substring(at + 1);
        if (!host.equalsIgnoreCase(domain) || !USERNAME.matcher(user).matches()) {
            return new NotHere();
        }
        return new Acct(user);
    }

    private static WebFingerResource url(String s, String baseUrl) {
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            return new Malformed("The resource is not a valid URL");
        }
        if (u.getHost() == null || u.getRawPath() == null) {
            return new Malformed("The resource is not a valid URL");
        }
        URI base = URI.create(baseUrl);
        boolean sameOrigin = u.getScheme().equalsIgnoreCase(base.getScheme())
                && u.getHost().equalsIgnoreCase(base.getHost()) && port(u) == port(base);
        if (!sameOrigin || u.getRawQuery() != null || u.getRawPath().isEmpty()) {
            return new NotHere();
        }
        // Rebuilt on the base URL so the host's case and a default port written out do not matter.
        String root = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return new Url(root + u.getRawPath());
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
