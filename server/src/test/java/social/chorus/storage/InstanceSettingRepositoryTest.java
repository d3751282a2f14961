package social.chorus.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.schema.Tables;
import social.chorus.testing.TestDatabase;

/** Runs through {@link Db}, as the application does: on worker threads, never on the event loop. */
class InstanceSettingRepositoryTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:15:30.123456Z");

    private Vertx vertx;
    private final InstanceSettingRepository repo =
            new InstanceSettingRepository(Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stopVertx() {
        vertx.close().await();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void putFindReplaceAndDelete(TestDatabase.Kind kind) {
        try (TestDatabase tdb = TestDatabase.create(kind); Database database = Database.open(tdb.config());
                Db db = new Db(vertx, database, 2)) {
            new Migrations(database).migrate();

            assertThat(db.read(dsl -> repo.find(dsl, "title")).await()).isEmpty();
            db.tx(dsl -> {
                repo.put(dsl, "title", "Chorus 🎶 — ünïcödé");
                return null;
            }).await();
            assertThat(db.read(dsl -> repo.find(dsl, "title")).await()).contains("Chorus 🎶 — ünïcödé");

            db.tx(dsl -> {
                repo.put(dsl, "title", "Renamed");
                repo.put(dsl, "rules", "Be kind.");
                return null;
            }).await();
            assertThat(db.read(repo::all).await()).containsExactly(
                    java.util.Map.entry("rules", "Be kind."), java.util.Map.entry("title", "Renamed"));
            LocalDateTime stored = db.read(dsl -> dsl.select(Tables.INSTANCE_SETTING.UPDATED_AT)
                    .from(Tables.INSTANCE_SETTING).where(Tables.INSTANCE_SETTING.NAME.eq("title"))
                    .fetchOne(Tables.INSTANCE_SETTING.UPDATED_AT)).await();
            assertThat(stored).isEqualTo(LocalDateTime.ofInstant(NOW, ZoneOffset.UTC)); // microseconds kept

            assertThat(db.tx(dsl -> repo.delete(dsl, "rules")).await()).isTrue();
            assertThat(db.tx(dsl -> repo.delete(dsl, "rules")).await()).isFalse();
            assertThat(db.read(repo::all).await()).containsOnlyKeys("title");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aTransactionThatThrowsLeavesNothingBehind(TestDatabase.Kind kind) {
        try (TestDatabase tdb = TestDatabase.create(kind); Database database = Database.open(tdb.config());
                Db db = new Db(vertx, database, 2)) {
            new Migrations(database).migrate();
            Throwable failure = db.tx(dsl -> {
                repo.put(dsl, "half", "written");
                throw new IllegalStateException("boom");
            }).otherwise(e -> e).await() instanceof Throwable t ? t : null;
            assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("boom");
            assertThat(db.read(dsl -> repo.find(dsl, "half")).await()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void namesCompareCaseInsensitivelyOnBothDatabases(TestDatabase.Kind kind) {
        try (TestDatabase tdb = TestDatabase.create(kind); Database database = Database.open(tdb.config());
                Db db = new Db(vertx, database, 2)) {
            new Migrations(database).migrate();
            db.tx(dsl -> {
                repo.put(dsl, "Title", "one");
                repo.put(dsl, "title", "two");
                return null;
            }).await();
            // MariaDB's _ci collation and H2's IGNORECASE agree: one row, the later value.
            assertThat(db.read(repo::all).await()).hasSize(1).containsValue("two");
        }
    }
}
