package social.chorus.federation.convert;

/**
 * Checks a BlurHash (the few dozen characters a client draws a blurred placeholder from while
 * the picture loads) before it is stored and handed to every client: base-83 characters only,
 * and exactly as long as its first character says (4 + 2 × x × y for x × y components, each
 * 1–9), so a client never decodes a string that overruns or stops short.
 */
final class Blurhash {
    /** The base-83 alphabet, in digit order. */
    private static final String BASE83 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";
    /** 9 × 9 components. */
    static final int MAX_LENGTH = 4 + 2 * 9 * 9;

    private Blurhash() {
    }

    static boolean isValid(String hash) {
        if (hash == null || hash.length() < 6 || hash.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < hash.length(); i++) {
            if (BASE83.indexOf(hash.charAt(i)) < 0) {
                return false;
            }
        }
        int sizeFlag = BASE83.indexOf(hash.charAt(0));
        int x = sizeFlag % 9 + 1;
        int y = sizeFlag / 9 + 1;
        return y <= 9 && hash.length() == 4 + 2 * x * y;
    }
}
