package social.chorus.app;

import java.util.Optional;
import org.jooq.DSLContext;
import social.chorus.storage.InstanceSettingRepository;

/**
 * Refuses to start when CHORUS_DOMAIN differs from the domain the database was created for. Every
 * stored id and every remote server's copy of our actors carries that domain; serving the data
 * under another one silently breaks federation, so it must be a deliberate migration, not a typo.
 */
final class DomainGuard {
    private final InstanceSettingRepository settings;

    DomainGuard(InstanceSettingRepository settings) {
        this.settings = settings;
    }

    void check(DSLContext dsl, String domain) {
        dsl.transaction(tx -> {
            Optional<String> recorded = settings.find(tx.dsl(), InstanceSettingRepository.DOMAIN);
            if (recorded.isEmpty()) {
                settings.put(tx.dsl(), InstanceSettingRepository.DOMAIN, domain);
            } else if (!recorded.get().equals(domain)) {
                throw new StartupException(ExitCode.CONFIG, "CHORUS_DOMAIN is '" + domain
                        + "' but this database belongs to '" + recorded.get() + "'. ActivityPub ids cannot"
                        + " change domain: set CHORUS_DOMAIN back to '" + recorded.get() + "', or point"
                        + " CHORUS_DB_URL (or CHORUS_DATA_DIR) at another database for a new instance.", null);
            }
        });
    }
}
