package social.chorus.federation.vocab;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Minimal repair of http(s) IRIs that servers send malformed. Titanium silently drops every
 * triple whose subject or object is not a well-formed IRI; WordPress, for one, sends ids like
 * {@code https://host/post/#activity#activity} and avatar URLs with {@code &#038;}, which would
 * lose the whole root node. Percent-encoding the offending characters keeps the IRI pointing
 * where the sender meant it to.
 */
final class IriRepair {

    private static final Pattern WEB_IRI = Pattern.compile("https?://\\S+");
    private static final String NOT_ALLOWED = "<>\"{}|\\^`";

    private IriRepair() {
    }

    /** The value, repaired when it is a malformed http(s) IRI; otherwise the value unchanged. */
    static String repair(String value) {
        if (!WEB_IRI.matcher(value).matches() || wellFormed(value)) {
            return value;
        }
        StringBuilder repaired = new StringBuilder(value.length() + 8);
        boolean inFragment = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '#' && inFragment) {
                repaired.append("%23"); // only one fragment delimiter is allowed
            } else if (NOT_ALLOWED.indexOf(c) >= 0 || c < 0x20 || c == 0x7f) {
                repaired.append(String.format("%%%02X", (int) c));
            } else if (c == '%' && !isEscape(value, i)) {
                repaired.append("%25");
            } else {
                inFragment |= c == '#';
                repaired.append(c);
            }
        }
        String result = repaired.toString();
        return wellFormed(result) ? result : value;
    }

    private static boolean isEscape(String value, int at) {
        return at + 2 < value.length() && isHex(value.charAt(at + 1)) && isHex(value.charAt(at + 2));
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static boolean wellFormed(String value) {
        try {
            return new URI(value).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
