package social.chorus.process.instance;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import social.chorus.app.config.ChorusConfig.Registrations;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;

/** What this instance tells the world about itself (NodeInfo): software, registrations, real usage counts. */
public final class InstanceFacts {
    /** NodeInfo's software name: lower case letters, digits and dashes only. */
    public static final String SOFTWARE_NAME = "chorus";
    /**
     * The public source repository for NodeInfo 2.1's {@code software.repository}; null until the
     * project publishes one (an invented URL would send people to someone else's code).
     */
    static final String SOFTWARE_REPOSITORY = null;

    private static final Duration MONTH = Duration.ofDays(30);
    private static final Duration HALF_YEAR = Duration.ofDays(180);

    public record Software(String name, String version, String repository) {
    }

    /** People who can use the instance, how many signed in in the last 30 and 180 days, local posts. */
    public record Usage(int users, int activeMonth, int activeHalfyear, long localPosts) {
    }

    public record NodeFacts(String nodeName, Software software, boolean openRegistrations, Usage usage) {
    }

    private final Db db;
    private final AccountRepository accounts;
    private final Clock clock;
    private final String domain;
    private final Registrations registrations;
    private final Software software;

    public InstanceFacts(Db db, AccountRepository accounts, Clock clock, String domain, Registrations registrations) {
        this.db = db;
        this.accounts = accounts;
        this.clock = clock;
        this.domain = domain;
        this.registrations = registrations;
        this.software = new Software(SOFTWARE_NAME, version(), SOFTWARE_REPOSITORY);
    }

    /** Counted afresh on each call: a few indexed counts, cheaper than keeping a cache right. */
    public Future<NodeFacts> nodeFacts() {
        Instant now = clock.instant();
        return db.read(dsl -> accounts.localUsage(dsl, now.minus(MONTH), now.minus(HALF_YEAR)))
                .map(u -> new NodeFacts(domain, software, registrations != Registrations.CLOSED,
                        new Usage(u.users(), u.activeMonth(), u.activeHalfyear(), u.localPosts())));
    }

    /** The jar's Implementation-Version; "development" when running from classes (tests, IDE). */
    private static String version() {
        String v = InstanceFacts.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
