package social.chorus.process.auth;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import social.chorus.app.config.ChorusConfig.Registrations;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;
import social.chorus.storage.InstanceSettingRepository;

/**
 * What the instance says about itself to client apps ({@code /api/v1/instance},
 * {@code /api/v2/instance}): operator-editable texts from instance settings, the registration
 * mode, and live counts. It serves the client API's first screen (apps read it before signing
 * in); it can move to its own process package when the web UI needs it too.
 */
public final class InstanceService {
    public static final String TITLE = "instance.title";
    public static final String SHORT_DESCRIPTION = "instance.short_description";
    public static final String DESCRIPTION = "instance.description";
    public static final String CONTACT_EMAIL = "instance.contact_email";
    public static final String SOURCE_URL = "instance.source_url";

    /** The fixed facts of this instance, known at start. */
    public record Identity(String domain, String baseUrl, String version, Registrations registrations,
            int maxStatusChars) {
    }

    public record Counts(long users, long statuses, long domains, long activeMonth) {
    }

    public record InstanceInfo(Identity identity, String title, String shortDescription, String description,
            String contactEmail, String sourceUrl, Counts counts) {
    }

    private final Db db;
    private final InstanceSettingRepository settings;
    private final AccountRepository accounts;
    private final Identity identity;
    private final Clock clock;

    public InstanceService(Db db, InstanceSettingRepository settings, AccountRepository accounts, Identity identity,
            Clock clock) {
        this.db = db;
        this.settings = settings;
        this.accounts = accounts;
        this.identity = identity;
        this.clock = clock;
    }

    public Future<InstanceInfo> info() {
        Instant now = clock.instant();
        return db.read(dsl -> {
            Map<String, String> s = settings.all(dsl);
            AccountRepository.LocalUsage usage = accounts.localUsage(dsl, now.minus(Duration.ofDays(30)),
                    now.minus(Duration.ofDays(180)));
            Counts counts = new Counts(usage.users(), usage.localPosts(), accounts.countRemoteDomains(dsl),
                    usage.activeMonth());
            return new InstanceInfo(identity, s.getOrDefault(TITLE, identity.domain()),
                    s.getOrDefault(SHORT_DESCRIPTION, ""), s.getOrDefault(DESCRIPTION, ""),
                    s.getOrDefault(CONTACT_EMAIL, ""), s.get(SOURCE_URL), counts);
        });
    }
}
