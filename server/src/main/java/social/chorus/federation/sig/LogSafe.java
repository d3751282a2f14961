package social.chorus.federation.sig;

/** Makes request-supplied text fit for a log line: short, one line, printable. */
final class LogSafe {
    private static final int MAX = 120;

    private LogSafe() {}

    static String quote(String untrusted) {
        StringBuilder sb = new StringBuilder("'");
        int n = Math.min(untrusted.length(), MAX);
        for (int i = 0; i < n; i++) {
            char c = untrusted.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (untrusted.length() > MAX) {
            sb.append('…');
        }
        return sb.append('\'').toString();
    }
}
