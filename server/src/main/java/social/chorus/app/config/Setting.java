package social.chorus.app.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every setting an operator can give, by its one name. The same name is used in the
 * environment and in a config file, so an env file for Docker and a config file are
 * interchangeable and the README documents one list.
 */
public enum Setting {
    CONFIG("CHORUS_CONFIG", false,
            "Path of a config file (KEY=value lines). Environment variables override it."),
    DOMAIN("CHORUS_DOMAIN", false,
            "Public host name (optionally :port) of this instance; it goes into every ActivityPub id and handle."),
    BASE_URL("CHORUS_BASE_URL", false,
            "Public URL, scheme and host only. Defaults to https://DOMAIN, or http:// for a loopback domain."),
    HTTP_HOST("CHORUS_HTTP_HOST", false, "Address the HTTP server binds to."),
    HTTP_PORT("CHORUS_HTTP_PORT", false, "Port the HTTP server listens on."),
    DATA_DIR("CHORUS_DATA_DIR", false, "Directory for the embedded database and, later, media."),
    DB_URL("CHORUS_DB_URL", false,
            "JDBC URL: jdbc:mariadb://HOST:PORT/DB for MariaDB, jdbc:h2:file:PATH for the embedded database."),
    DB_USER("CHORUS_DB_USER", false, "Database user."),
    DB_PASSWORD("CHORUS_DB_PASSWORD", true, "Database password."),
    DB_POOL_SIZE("CHORUS_DB_POOL_SIZE", false, "Database connections (and database worker threads)."),
    ALLOW_PRIVATE_ADDRESSES("CHORUS_ALLOW_PRIVATE_ADDRESSES", false,
            "Allow fetching from loopback and private addresses. Only for local multi-instance testing."),
    AUTHORIZED_FETCH("CHORUS_AUTHORIZED_FETCH", false,
            "Require a signed GET for full actor documents and their collections (Mastodon's secure mode)."),
    REGISTRATIONS("CHORUS_REGISTRATIONS", false,
            "Who may sign up: open, approval (an admin approves each sign-up) or closed."),
    MAX_STATUS_CHARS("CHORUS_MAX_STATUS_CHARS", false,
            "Longest post, counted as Mastodon counts (every link as 23 characters)."),
    DELIVERY_LEASE_SECONDS("CHORUS_DELIVERY_LEASE_SECONDS", false,
            "How long a claimed delivery is hidden from other workers before it counts as abandoned."),
    DELIVERY_DONE_RETENTION_HOURS("CHORUS_DELIVERY_DONE_RETENTION_HOURS", false,
            "How long a delivered job stays in the delivery queue before housekeeping deletes it."),
    DELIVERY_FAILED_RETENTION_DAYS("CHORUS_DELIVERY_FAILED_RETENTION_DAYS", false,
            "How long a delivery that was given up on stays visible (admin federation status) before it is deleted."),
    RECEIVED_ACTIVITY_RETENTION_DAYS("CHORUS_RECEIVED_ACTIVITY_RETENTION_DAYS", false,
            "How long the id of a received activity is remembered, so that a redelivery changes nothing."),
    TOMBSTONE_RETENTION_DAYS("CHORUS_TOMBSTONE_RETENTION_DAYS", false,
            "How long a deleted remote post's tombstone keeps a late Create of it out (local ones are kept)."),
    SIGN_IN_LIMIT_PER_ADDRESS("CHORUS_SIGN_IN_LIMIT_PER_ADDRESS", false,
            "Sign-in attempts one client address may make per 5 minutes (0: no limit)."),
    SIGN_IN_LIMIT_PER_ACCOUNT("CHORUS_SIGN_IN_LIMIT_PER_ACCOUNT", false,
            "Failed sign-ins per account name per hour, from browsers that never signed in to it (0: no limit)."),
    SIGN_UP_LIMIT_PER_ADDRESS("CHORUS_SIGN_UP_LIMIT_PER_ADDRESS", false,
            "Sign-ups through the API one client address may make per 30 minutes (0: no limit)."),
    TRUSTED_PROXIES("CHORUS_TRUSTED_PROXIES", false,
            "Reverse proxies (addresses or CIDR blocks, comma-separated) whose X-Forwarded-For names the client."),
    LOG_LEVEL("CHORUS_LOG_LEVEL", false, "Log level of Chorus itself."),
    SHUTDOWN_GRACE_SECONDS("CHORUS_SHUTDOWN_GRACE_SECONDS", false,
            "On SIGTERM, how long in-flight requests may take to finish.");

    private final String key;
    private final boolean secret;
    private final String description;

    Setting(String key, boolean secret, String description) {
        this.key = key;
        this.secret = secret;
        this.description = description;
    }

    public String key() {
        return key;
    }

    /** Secrets are never printed, logged or echoed back in an error message. */
    public boolean secret() {
        return secret;
    }

    public String description() {
        return description;
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}
