package social.chorus.federation.discovery;

import social.chorus.http.HtmlEscape;

/** HTML escaping and the placeholder pages served to browsers until the web UI exists. */
final class Html {
    static final String CONTENT_TYPE = "text/html; charset=utf-8";
    /** The pages load nothing and run nothing. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'";

    private Html() {
    }

    static String escape(String s) {
        return HtmlEscape.escape(s);
    }

    /**
     * A minimal profile: display name and handle (both escaped), with a link to the actor document
     * so that tools reading the page find it.
     */
    static String profile(String displayName, String handle, String actorUri) {
        String name = displayName == null || displayName.isBlank() ? handle : displayName;
        return page(escape(name) + " (" + escape(handle) + ")",
                "<link rel=\"alternate\" type=\"application/activity+json\" href=\"" + escape(actorUri) + "\">",
                "<h1>" + escape(name) + "</h1>\n<p>" + escape(handle) + "</p>");
    }

    static String notFound() {
        return page("Not found", "", "<h1>Not found</h1>\n<p>There is no account here.</p>");
    }

    private static String page(String title, String head, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + title
                + "</title>\n" + (head.isEmpty() ? "" : head + "\n") + "</head>\n<body>\n<main>\n" + body
                + "\n</main>\n</body>\n</html>\n";
    }
}
