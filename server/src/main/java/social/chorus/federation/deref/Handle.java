package social.chorus.federation.deref;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A fediverse handle: {@code user@host}, written {@code @user@host}, {@code user@host} or
 * {@code acct:user@host}. The host is kept as the URL authority would be ({@code host} or
 * {@code host:port}), lower case, IDN in ASCII form.
 */
public record Handle(String username, String host) {
    /**
     * Wider than our own usernames: Mastodon allows dots and dashes inside remote names, Misskey
     * and Pleroma mixed case, and a few servers percent-encode.
     */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.~%+-]{1,255}");

    /** @throws WebFingerException with {@code INVALID_HANDLE} */
    public static Handle parse(String text) {
        if (text == null) {
            throw invalid();
        }
        String s = text.trim();
        if (s.regionMatches(true, 0, "acct:", 0, 5)) {
            s = s.substring(5);
        } else if (s.startsWith("@")) {
            s = s.substring(1);
        }
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@') || at == s.length() - 1) {
            throw invalid();
        }
        String user = s.substring(0, at);
        String host = s.substring(at + 1);
        if (!USERNAME.matcher(user).matches() || host.contains("/") || host.contains("?") || host.contains("#")) {
            throw invalid();
        }
        OutboundUrl url;
        try {
            url = OutboundUrl.parse("https://" + host + "/");
        } catch (FetchException e) {
            throw invalid();
        }
        return new Handle(user, url.authority().toLowerCase(Locale.ROOT));
    }

    /** Whether {@code text} reads as a handle rather than a URL. */
    public static boolean looksLikeHandle(String text) {
        String s = text == null ? "" : text.trim();
        return !s.contains("://") && s.indexOf('@', 1) > 0;
    }

    /** {@code acct:user@host}, the WebFinger resource. */
    public String acct() {
        return "acct:" + username + "@" + host;
    }

    /** Same account: usernames and hosts compare case-insensitively, as every server treats them. */
    public boolean sameAs(Handle other) {
        return username.equalsIgnoreCase(other.username) && host.equalsIgnoreCase(other.host);
    }

    @Override
    public String toString() {
        return username + "@" + host;
    }

    private static WebFingerException invalid() {
        return new WebFingerException(WebFingerException.Reason.INVALID_HANDLE,
                "not a handle: expected user@host, @user@host or acct:user@host");
    }
}
