package social.chorus.federation.deref;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An absolute http(s) URL ready to be requested: lower-case ASCII host (IDN converted), default
 * port dropped, fragment dropped, no user info. The request is signed and sent from this one
 * normalised form, so the Host header and request target a remote server sees are exactly the
 * ones covered by the signature.
 *
 * @param uri the normalised URL
 * @param host the host without IPv6 brackets: what DNS resolves and TLS verifies
 * @param port the effective port (443 or 80 when the URL names none)
 * @param target path and query as sent on the request line, never re-encoded
 */
public record OutboundUrl(URI uri, String host, int port, String target) {

    public static OutboundUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("an empty URL");
        }
        try {
            return of(new URI(url.trim()));
        } catch (URISyntaxException e) {
            throw invalid("a malformed URL");
        }
    }

    public static OutboundUrl of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw invalid("a URL that is not http(s)");
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw invalid("a URL without a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
            // user@host is how SSRF payloads hide their real target from naive parsers
            throw invalid("a URL with user info");
        }
        String host = asciiHost(uri);
        int port = uri.getPort();
        int defaultPort = scheme.equals("https") ? 443 : 80;
        if (port == 0 || port > 65535) {
            throw invalid("a URL with an invalid port");
        }
        boolean explicitPort = port != -1 && port != defaultPort;
        String bracketed = host.contains(":") ? "[" + host + "]" : host;
        String authority = explicitPort ? bracketed + ":" + port : bracketed;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        try {
            URI normalised = new URI(scheme + "://" + authority + target);
            return new OutboundUrl(normalised, host, explicitPort ? port : defaultPort, target);
        } catch (URISyntaxException e) {
            throw invalid("a malformed URL");
        }
    }

    public boolean https() {
        return uri.getScheme().equals("https");
    }

    /** host[:port] as the Host header carries it (the port only when it is not the default). */
    public String authority() {
        return uri.getRawAuthority();
    }

    /** Resolves a redirect's Location against this URL. */
    public OutboundUrl resolve(String location) {
        try {
            return of(uri.resolve(new URI(location.trim())));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw invalid("a redirect to a malformed URL");
        }
    }

    /** scheme://authority/path without the query, which may carry tokens: safe to log. */
    public String forLog() {
        return uri.getScheme() + "://" + authority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    @Override
    public String toString() {
        return uri.toString();
    }

    private static String asciiHost(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            // java.net.URI leaves internationalised names in the authority only
            String authority = uri.getRawAuthority();
            int colon = authority.lastIndexOf(':');
            host = colon > 0 && authority.indexOf(']') < colon ? authority.substring(0, colon) : authority;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1).toLowerCase(Locale.ROOT);
        }
        try {
            String ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            if (ascii.isEmpty() || ascii.endsWith(".") && ascii.length() == 1) {
                throw invalid("a URL without a host");
            }
            return ascii;
        } catch (IllegalArgumentException e) {
            throw invalid("a URL with an invalid host name");
        }
    }

    private static FetchException invalid(String what) {
        return new FetchException(FetchException.Reason.INVALID_URL, "refusing " + what);
    }
}
