package social.chorus.storage;

import static social.chorus.schema.Tables.INSTANCE_SETTING;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/** Instance-wide settings changed at run time, stored as name/value pairs. */
public final class InstanceSettingRepository {
    /** The domain this database was created for; ids stored in it carry that domain. */
    public static final String DOMAIN = "instance.domain";

    private final Clock clock;

    public InstanceSettingRepository(Clock clock) {
        this.clock = clock;
    }

    public Optional<String> find(DSLContext dsl, String name) {
        return dsl.select(INSTANCE_SETTING.VALUE)
                .from(INSTANCE_SETTING)
                .where(INSTANCE_SETTING.NAME.eq(name))
                .fetchOptional(INSTANCE_SETTING.VALUE);
    }

    /** Inserts or replaces; MariaDB and H2 report different row counts for this, so none is returned. */
    public void put(DSLContext dsl, String name, String value) {
        LocalDateTime now = Timestamps.toDb(clock.instant());
        dsl.insertInto(INSTANCE_SETTING)
                .set(INSTANCE_SETTING.NAME, name)
                .set(INSTANCE_SETTING.VALUE, value)
                .set(INSTANCE_SETTING.UPDATED_AT, now)
                .onDuplicateKeyUpdate()
                .set(INSTANCE_SETTING.VALUE, value)
                .set(INSTANCE_SETTING.UPDATED_AT, now)
                .execute();
    }

    public boolean delete(DSLContext dsl, String name) {
        return dsl.deleteFrom(INSTANCE_SETTING).where(INSTANCE_SETTING.NAME.eq(name)).execute() > 0;
    }

    public Map<String, String> all(DSLContext dsl) {
        return dsl.select(INSTANCE_SETTING.NAME, INSTANCE_SETTING.VALUE)
                .from(INSTANCE_SETTING)
                .orderBy(INSTANCE_SETTING.NAME)
                .fetchMap(INSTANCE_SETTING.NAME, INSTANCE_SETTING.VALUE);
    }
}
