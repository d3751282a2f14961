package social.chorus.federation.sig;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Pure helpers for the inbox layer, which fetches keys and checks that a key belongs to the
 * activity's actor. Both questions are about URLs, so they are answered here, without I/O.
 */
public final class KeyIds {
    private KeyIds() {}

    /**
     * The document to fetch for a keyId: the keyId without its fragment
     * ({@code https://a.example/users/bob#main-key} → {@code https://a.example/users/bob}).
     * Empty for anything that is not an absolute http(s) URL with a host.
     */
    public static Optional<URI> fetchUrl(String keyId) {
        // Cut the text rather than rebuild the URI, so percent-encoding stays byte for byte.
        return parse(keyId).map(u -> {
            String s = keyId.trim();
            int hash = s.indexOf('#');
            return URI.create(hash < 0 ? s : s.substring(0, hash));
        });
    }

    /**
     * Whether two URLs live on the same server: same host (case-insensitive) and same effective
     * port. The port matters because development instances share {@code localhost}.
     */
    public static boolean sameHost(String a, String b) {
        Optional<URI> ua = parse(a);
        Optional<URI> ub = parse(b);
        if (ua.isEmpty() || ub.isEmpty()) {
            return false;
        }
        return hostOf(ua.get()).equals(hostOf(ub.get())) && effectivePort(ua.get()) == effectivePort(ub.get());
    }

    /** Lower-case host of an absolute http(s) URL. */
    public static Optional<String> host(String url) {
        return parse(url).map(KeyIds::hostOf);
    }

    private static String hostOf(URI u) {
        return u.getHost().toLowerCase(Locale.ROOT);
    }

    private static int effectivePort(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static Optional<URI> parse(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI u = new URI(url.trim());
            String scheme = u.getScheme();
            boolean web = "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme);
            return web && u.getHost() != null ? Optional.of(u) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
