package social.chorus.federation.deref;

/** Remote-supplied text (a media type, a JRD subject) made fit for a log line: short, one line, printable. */
final class LogSafe {
    private static final int MAX = 100;

    private LogSafe() {
    }

    static String clip(String untrusted) {
        if (untrusted == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int n = Math.min(untrusted.length(), MAX);
        for (int i = 0; i < n; i++) {
            char c = untrusted.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (untrusted.length() > MAX) {
            sb.append('…');
        }
        return sb.toString();
    }
}
