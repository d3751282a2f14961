package social.chorus.federation.delivery;

import java.net.URI;
import java.util.Locale;

/** The host key deliveries are tracked by: the inbox URL's authority (host, and port when given), lower case. */
public final class DeliveryHost {
    private DeliveryHost() {
    }

    public static String of(String inboxUrl) {
        try {
            String authority = URI.create(inboxUrl).getRawAuthority();
            if (authority != null) {
                int at = authority.lastIndexOf('@');
                return authority.substring(at + 1).toLowerCase(Locale.ROOT);
            }
        } catch (IllegalArgumentException e) {
            // fall through: a malformed URL is tracked under itself and fails at send time
        }
        return inboxUrl.toLowerCase(Locale.ROOT);
    }
}
