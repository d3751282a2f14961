package social.chorus.federation.deref;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a fetch asks for (the Accept header) and which answers it takes (a Content-Type test).
 *
 * <p>ActivityStreams answers are checked strictly, as Mastodon does since 2024: a JSON file that
 * someone uploaded to a server's media storage must not pass for an actor of that server, and
 * such files are served as {@code application/json} or {@code application/octet-stream}, never
 * as {@code application/activity+json}.
 */
public record MediaExpectation(String acceptHeader, Predicate<String> accepts) {
    static final String AS_PROFILE = "https://www.w3.org/ns/activitystreams";

    /** ActivityPub objects: activity+json, or ld+json with the ActivityStreams profile. */
    public static final MediaExpectation ACTIVITY = new MediaExpectation(
            "application/activity+json, application/ld+json; profile=\"" + AS_PROFILE + "\"",
            MediaExpectation::isActivityJson);

    /** WebFinger: RFC 7033 says jrd+json; many servers answer with plain JSON. */
    public static final MediaExpectation JRD = new MediaExpectation("application/jrd+json, application/json",
            type -> {
                String base = baseType(type);
                return base.equals("application/jrd+json") || base.equals("application/json");
            });

    public MediaExpectation {
        Objects.requireNonNull(acceptHeader, "acceptHeader");
        Objects.requireNonNull(accepts, "accepts");
    }

    /** {@code application/activity+json}, or {@code application/ld+json} whose profile names ActivityStreams. */
    public static boolean isActivityJson(String contentType) {
        String base = baseType(contentType);
        if (base.equals("application/activity+json")) {
            return true;
        }
        if (!base.equals("application/ld+json")) {
            return false;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("profile=")) {
                String value = p.substring("profile=".length()).replace("\"", "").trim();
                for (String profile : value.split("\\s+")) {
                    if (profile.equals(AS_PROFILE)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The media type without parameters, lower case; empty for null. */
    public static String baseType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }
}
