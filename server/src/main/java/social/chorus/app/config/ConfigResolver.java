package social.chorus.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import social.chorus.http.IpRange;

/** Turns raw values into a validated {@link ChorusConfig}, filling in defaults, some derived from others. */
final class ConfigResolver {
    // A DNS name or IPv4 address, lower case, with an optional port: what Mastodon calls LOCAL_DOMAIN.
    private static final Pattern DOMAIN =
            Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[0-9]{1,5})?");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1");
    private static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");
    // DB_CLOSE_ON_EXIT=FALSE: our shutdown closes the pool after in-flight work, not H2's own hook.
    // LOCK_TIMEOUT: H2 gives up on a locked row after about 2 s, with an error Db does not retry;
    // MariaDB waits 50 s. Writers of one row (an account's counts, a host's record) queue longer
    // than 2 s on a busy machine, and must wait their turn there too, not fail.
    static final String H2_FLAGS = "MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;IGNORECASE=TRUE;"
            + "DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";

    private final Map<Setting, ConfigValue> given;
    private final Map<Setting, ConfigValue> effective = new EnumMap<>(Setting.class);

    ConfigResolver(Map<Setting, ConfigValue> given) {
        this.given = given;
    }

    ChorusConfig resolve() {
        int port = intValue(Setting.HTTP_PORT, "8080", 1, 65535);
        String host = text(Setting.HTTP_HOST, "0.0.0.0");
        String domain = domain(port);
        String baseUrl = baseUrl(domain);
        Path dataDir = Path.of(text(Setting.DATA_DIR, "data"));
        String dbUrl = dbUrl(dataDir);
        String dbUser = text(Setting.DB_USER, "chorus");
        String dbPassword = text(Setting.DB_PASSWORD, "");
        int poolSize = intValue(Setting.DB_POOL_SIZE, "10", 1, 200);
        boolean allowPrivate = bool(Setting.ALLOW_PRIVATE_ADDRESSES, "false");
        boolean authorizedFetch = bool(Setting.AUTHORIZED_FETCH, "false");
        ChorusConfig.Registrations registrations = ChorusConfig.Registrations.valueOf(
                oneOf(Setting.REGISTRATIONS, "approval", List.of("open", "approval", "closed")).toUpperCase(Locale.ROOT));
        String logLevel = oneOf(Setting.LOG_LEVEL, "info", LOG_LEVELS);
        int grace = intValue(Setting.SHUTDOWN_GRACE_SECONDS, "10", 0, 300);
        int maxStatusChars = intValue(Setting.MAX_STATUS_CHARS, "5000", 1, 100000);
        // At least 5 s: a lease shorter than one send would hand every job to a second worker.
        Duration lease = Duration.ofSeconds(intValue(Setting.DELIVERY_LEASE_SECONDS, "120", 5, 3600));
        // Senders retry for about two days (Mastodon: 2.1): ids and tombstones must outlive that.
        ChorusConfig.Retention retention = new ChorusConfig.Retention(
                Duration.ofHours(intValue(Setting.DELIVERY_DONE_RETENTION_HOURS, "24", 1, 8760)),
                Duration.ofDays(intValue(Setting.DELIVERY_FAILED_RETENTION_DAYS, "7", 1, 3650)),
                Duration.ofDays(intValue(Setting.RECEIVED_ACTIVITY_RETENTION_DAYS, "14", 3, 3650)),
                Duration.ofDays(intValue(Setting.TOMBSTONE_RETENTION_DAYS, "30", 3, 3650)));
        // Mastodon's numbers: 25 sign-in attempts per address per 5 minutes, 25 per account name per
        // hour (here failures only), 5 API sign-ups per address per 30 minutes.
        ChorusConfig.RateLimits rateLimits = new ChorusConfig.RateLimits(
                intValue(Setting.SIGN_IN_LIMIT_PER_ADDRESS, "25", 0, 100000),
                intValue(Setting.SIGN_IN_LIMIT_PER_ACCOUNT, "25", 0, 100000),
                intValue(Setting.SIGN_UP_LIMIT_PER_ADDRESS, "5", 0, 100000),
                trustedProxies());
        if (given.containsKey(Setting.CONFIG)) {
            effective.put(Setting.CONFIG, given.get(Setting.CONFIG));
        }
        return new ChorusConfig(domain, baseUrl, host, port, dataDir, new DbConfig(dbUrl, dbUser, dbPassword, poolSize),
                allowPrivate, authorizedFetch, registrations, logLevel, grace, maxStatusChars, lease, retention,
                rateLimits);
    }

    /** Every setting with the value in force and where it came from, in declaration order. */
    List<ConfigValue> effectiveValues() {
        return new ArrayList<>(effective.values());
    }

    private ConfigValue value(Setting setting, String defaultValue) {
        ConfigValue v = given.get(setting);
        if (v == null || v.raw().isBlank() && !setting.secret()) {
            v = new ConfigValue(setting, defaultValue, ConfigSource.DEFAULT);
        } else {
            v = new ConfigValue(setting, v.raw().strip(), v.source());
        }
        effective.put(setting, v);
        return v;
    }

    private String text(Setting setting, String defaultValue) {
        return value(setting, defaultValue).raw();
    }

    private int intValue(Setting setting, String defaultValue, int min, int max) {
        ConfigValue v = value(setting, defaultValue);
        try {
            int n = Integer.parseInt(v.raw());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw ConfigException.invalid(v, "a whole number from " + min + " to " + max);
    }

    private boolean bool(Setting setting, String defaultValue) {
        ConfigValue v = value(setting, defaultValue);
        return switch (v.raw().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ConfigException.invalid(v, "true or false");
        };
    }

    private String oneOf(Setting setting, String defaultValue, List<String> allowed) {
        ConfigValue v = value(setting, defaultValue);
        String lower = v.raw().toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw ConfigException.invalid(v, String.join(", ", allowed));
        }
        return lower;
    }

    /** Empty (the default): no proxy is trusted and X-Forwarded-For is never read. */
    private List<IpRange> trustedProxies() {
        ConfigValue v = value(Setting.TRUSTED_PROXIES, "");
        List<IpRange> out = new ArrayList<>();
        for (String part : v.raw().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            out.add(IpRange.parse(part).orElseThrow(() -> ConfigException.invalid(v,
                    "IP addresses or CIDR blocks (such as 127.0.0.1, 10.0.0.0/8, fd00::/8), separated by commas")));
        }
        return out;
    }

    private String domain(int port) {
        ConfigValue v = value(Setting.DOMAIN, "localhost:" + port);
        if (!DOMAIN.matcher(v.raw()).matches()) {
            throw ConfigException.invalid(v,
                    "a lower-case host name such as social.example, optionally with :port, without scheme or path");
        }
        return v.raw();
    }

    private String baseUrl(String domain) {
        String host = domain.contains(":") ? domain.substring(0, domain.indexOf(':')) : domain;
        // Plain http only where nothing else can be meant: a loopback development domain.
        String scheme = LOOPBACK_HOSTS.contains(host) ? "http://" : "https://";
        ConfigValue v = value(Setting.BASE_URL, scheme + domain);
        String allowed = "an http or https URL whose host (and port) is CHORUS_DOMAIN (" + domain
                + "), without path, query or fragment";
        URI uri;
        try {
            uri = new URI(v.raw());
        } catch (URISyntaxException e) {
            throw ConfigException.invalid(v, allowed);
        }
        boolean plainPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getRawAuthority() == null
                || !uri.getRawAuthority().equals(domain) || !plainPath || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw ConfigException.invalid(v, allowed);
        }
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private String dbUrl(Path dataDir) {
        String embedded = "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("chorus") + ";" + H2_FLAGS;
        ConfigValue v = value(Setting.DB_URL, embedded);
        String url = v.raw();
        if (url.startsWith("jdbc:mariadb://")) {
            return url;
        }
        if (url.startsWith("jdbc:h2:")) {
            return withH2Flags(url);
        }
        throw ConfigException.invalid(new ConfigValue(v.setting(), JdbcUrls.redact(url), v.source()),
                "jdbc:mariadb://HOST:PORT/DATABASE for MariaDB, or jdbc:h2:file:PATH for the embedded database");
    }

    /** H2 only behaves like MariaDB with these flags; add the ones an operator's URL leaves out. */
    private static String withH2Flags(String url) {
        StringBuilder out = new StringBuilder(url);
        String upper = url.toUpperCase(Locale.ROOT);
        for (String flag : H2_FLAGS.split(";")) {
            String name = flag.substring(0, flag.indexOf('=') + 1);
            if (!upper.contains(";" + name)) {
                out.append(';').append(flag);
            }
        }
        return out.toString();
    }
}
