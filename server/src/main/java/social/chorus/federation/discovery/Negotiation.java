package social.chorus.federation.discovery;

import java.util.List;
import java.util.Locale;

/**
 * Chooses between an ActivityStreams document and an HTML page from the Accept header. Servers
 * ask for {@code application/activity+json} or {@code application/ld+json} (with any profile);
 * browsers, and anything else, get HTML.
 */
final class Negotiation {
    enum Representation {
        ACTIVITY_JSON, HTML
    }

    private Negotiation() {
    }

    static Representation choose(List<String> acceptHeaders) {
        double activity = 0;
        double html = 0;
        for (String header : acceptHeaders) {
            for (String range : header.split(",")) {
                String[] parts = range.split(";", -1);
                String type = parts[0].strip().toLowerCase(Locale.ROOT);
                double q = quality(parts);
                if (type.equals("application/activity+json") || type.equals("application/ld+json")) {
                    activity = Math.max(activity, q);
                } else if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                    html = Math.max(html, q);
                }
            }
        }
        // A tie goes to ActivityStreams: a client that names it at all is not a plain browser.
        return activity > 0 && activity >= html ? Representation.ACTIVITY_JSON : Representation.HTML;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(p.substring(2).strip());
                    return Double.isNaN(q) ? 0 : Math.max(0, Math.min(1, q));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
