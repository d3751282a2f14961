package social.chorus.http;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The rate limits on what an anonymous client can make expensive: each sign-in attempt costs an
 * Argon2id hash, each sign-up a hash and an RSA key pair, both on the worker pool. Counts come
 * from the settings (0 turns one off); the periods follow Mastodon's: sign-in attempts per
 * address per 5 minutes, failed sign-ins per account name per hour, API sign-ups per address per
 * 30 minutes. Per process and in memory: several processes behind one proxy each count alone,
 * and a restart starts every count afresh.
 */
public record AuthLimits(RateLimiter signInsPerAddress, RateLimiter failedSignInsPerAccount,
        RateLimiter signUpsPerAddress, ClientAddress addresses) {
    public static final Duration SIGN_IN_ADDRESS_PERIOD = Duration.ofMinutes(5);
    public static final Duration SIGN_IN_ACCOUNT_PERIOD = Duration.ofHours(1);
    public static final Duration SIGN_UP_ADDRESS_PERIOD = Duration.ofMinutes(30);
    /** Per limiter: a few MB at most, and far more keys than one period of honest traffic makes. */
    static final int MAX_KEYS = 20_000;

    public static AuthLimits create(int signInsPerAddress, int failedSignInsPerAccount, int signUpsPerAddress,
            List<IpRange> trustedProxies, Clock clock) {
        return new AuthLimits(
                new RateLimiter(new RateLimiter.Limit(signInsPerAddress, SIGN_IN_ADDRESS_PERIOD), MAX_KEYS, clock),
                new RateLimiter(new RateLimiter.Limit(failedSignInsPerAccount, SIGN_IN_ACCOUNT_PERIOD), MAX_KEYS,
                        clock),
                new RateLimiter(new RateLimiter.Limit(signUpsPerAddress, SIGN_UP_ADDRESS_PERIOD), MAX_KEYS, clock),
                new ClientAddress(trustedProxies));
    }

    /** The route step for {@code POST /api/v1/accounts}. */
    public AddressLimit signUpStep() {
        return new AddressLimit(signUpsPerAddress, addresses);
    }
}
