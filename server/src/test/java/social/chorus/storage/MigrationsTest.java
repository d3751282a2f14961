package social.chorus.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.testing.TestDatabase;

class MigrationsTest {
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void applyToAnEmptyDatabaseThenDoNothingOnRestart(TestDatabase.Kind kind) {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            try (Database db = Database.open(tdb.config())) {
                assertThat(db.kind().name()).isEqualTo(kind.name());
                Migrations migrations = new Migrations(db);
                assertThat(migrations.currentVersion()).isEqualTo("empty");
                Migrations.Report first = migrations.migrate();
                assertThat(first.applied()).isPositive();
                assertThat(first.schemaVersion()).isNotEqualTo("empty");
                assertThat(db.dsl().fetchCount(social.chorus.schema.Tables.INSTANCE_SETTING)).isZero();
            }
            // A restart opens a new pool on the same database: nothing pending, nothing applied.
            try (Database db = Database.open(tdb.config())) {
                Migrations.Report again = new Migrations(db).migrate();
                assertThat(again.applied()).isZero();
                assertThat(again.schemaVersion()).isEqualTo(new Migrations(db).currentVersion());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aFailingMigrationNamesItselfAndLeavesEarlierOnesApplied(TestDatabase.Kind kind) {
        try (TestDatabase tdb = TestDatabase.create(kind); Database db = Database.open(tdb.config())) {
            Migrations broken = new Migrations(db, List.of(Migrations.SHARED_LOCATION, "classpath:db/test-broken"));
            assertThatThrownBy(broken::migrate)
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("V999__broken.sql")
                    .hasMessageContaining("no_such_table")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            // The good migrations before it stay applied and usable.
            assertThat(new Migrations(db).currentVersion()).isNotEqualTo("999");
            assertThat(db.dsl().fetchCount(social.chorus.schema.Tables.INSTANCE_SETTING)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aDatabaseMigratedByANewerChorusIsRefused(TestDatabase.Kind kind) {
        try (TestDatabase tdb = TestDatabase.create(kind); Database db = Database.open(tdb.config())) {
            new Migrations(db).migrate();
            tdb.adminExecute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, installed_on, execution_time, success) VALUES (99, '9999', 'future',"
                    + " 'SQL', 'V9999__future.sql', 1, 'chorus', CURRENT_TIMESTAMP, 1, TRUE)");
            assertThatThrownBy(() -> new Migrations(db).migrate())
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("9999");
        }
    }
}
