package social.chorus.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import social.chorus.http.IpRange;

/**
 * The validated configuration of one Chorus process. Built once at start by {@link ConfigLoader};
 * every component receives the part it needs.
 */
public record ChorusConfig(
        String domain,
        String baseUrl,
        String httpHost,
        int httpPort,
        Path dataDir,
        DbConfig db,
        boolean allowPrivateAddresses,
        boolean authorizedFetch,
        Registrations registrations,
        String logLevel,
        int shutdownGraceSeconds,
        int maxStatusChars,
        Duration deliveryLease,
        Retention retention,
        RateLimits rateLimits) {

    /**
     * The limits on sign-in and sign-up (0 turns one off; periods are fixed, see
     * {@link social.chorus.http.AuthLimits}), and the proxies whose X-Forwarded-For is believed.
     */
    public record RateLimits(int signInsPerAddress, int failedSignInsPerAccount, int signUpsPerAddress,
            List<IpRange> trustedProxies) {
        public RateLimits {
            trustedProxies = List.copyOf(trustedProxies);
        }
    }

    /**
     * How long housekeeping keeps rows that only pile up: delivered and failed jobs (counted from
     * their last attempt), ids of received activities, and tombstones of other servers' posts.
     */
    public record Retention(Duration doneDeliveries, Duration failedDeliveries, Duration receivedActivities,
            Duration remoteTombstones) {
    }

    /** Who may create an account through the web or the API (operators always can, with the CLI). */
    public enum Registrations {
        OPEN, APPROVAL, CLOSED
    }
}
