package social.chorus.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private ConfigLoader.Loaded load(Map<String, String> env) {
        return new ConfigLoader(env).load(Optional.empty());
    }

    private Path file(String content) throws IOException {
        Path f = dir.resolve("chorus.conf");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void defaultsServeADevelopmentInstanceOnLocalhostWithTheEmbeddedDatabase() {
        ChorusConfig c = load(Map.of()).config();
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.httpHost()).isEqualTo("0.0.0.0");
        assertThat(c.domain()).isEqualTo("localhost:8080");
        assertThat(c.baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
        assertThat(c.db().url()).startsWith("jdbc:h2:file:" + Path.of("data").toAbsolutePath() + "/chorus;")
                .contains("MODE=MariaDB", "DATABASE_TO_LOWER=TRUE", "IGNORECASE=TRUE");
        assertThat(c.db().poolSize()).isEqualTo(10);
        assertThat(c.allowPrivateAddresses()).isFalse();
        assertThat(c.logLevel()).isEqualTo("info");
        assertThat(c.shutdownGraceSeconds()).isEqualTo(10);
        assertThat(c.deliveryLease()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(c.retention()).isEqualTo(new ChorusConfig.Retention(java.time.Duration.ofDays(1),
                java.time.Duration.ofDays(7), java.time.Duration.ofDays(14), java.time.Duration.ofDays(30)));
    }

    @Test
    void retentionsAreSetInHoursOrDaysAndOutliveSendersRetries() {
        ChorusConfig c = load(Map.of("CHORUS_DELIVERY_DONE_RETENTION_HOURS", "2",
                "CHORUS_DELIVERY_FAILED_RETENTION_DAYS", "30", "CHORUS_RECEIVED_ACTIVITY_RETENTION_DAYS", "3",
                "CHORUS_TOMBSTONE_RETENTION_DAYS", "90")).config();
        assertThat(c.retention()).isEqualTo(new ChorusConfig.Retention(java.time.Duration.ofHours(2),
                java.time.Duration.ofDays(30), java.time.Duration.ofDays(3), java.time.Duration.ofDays(90)));
        assertThatThrownBy(() -> load(Map.of("CHORUS_DELIVERY_DONE_RETENTION_HOURS", "0")))
                .hasMessageContaining("CHORUS_DELIVERY_DONE_RETENTION_HOURS is '0'")
                .hasMessageContaining("from 1 to 8760");
        assertThatThrownBy(() -> load(Map.of("CHORUS_DELIVERY_FAILED_RETENTION_DAYS", "0")))
                .hasMessageContaining("from 1 to 3650");
        // Senders retry for about two days: forgetting ids or tombstones sooner would let copies in.
        assertThatThrownBy(() -> load(Map.of("CHORUS_RECEIVED_ACTIVITY_RETENTION_DAYS", "2")))
                .hasMessageContaining("from 3 to 3650");
        assertThatThrownBy(() -> load(Map.of("CHORUS_TOMBSTONE_RETENTION_DAYS", "1")))
                .hasMessageContaining("from 3 to 3650");
    }

    @Test
    void rateLimitsDefaultToMastodonsNumbersAndZeroTurnsOneOff() {
        ChorusConfig.RateLimits defaults = load(Map.of()).config().rateLimits();
        assertThat(defaults).isEqualTo(new ChorusConfig.RateLimits(25, 25, 5, java.util.List.of()));

        ChorusConfig.RateLimits set = load(Map.of("CHORUS_SIGN_IN_LIMIT_PER_ADDRESS", "0",
                "CHORUS_SIGN_IN_LIMIT_PER_ACCOUNT", "10", "CHORUS_SIGN_UP_LIMIT_PER_ADDRESS", "100000",
                "CHORUS_TRUSTED_PROXIES", " 127.0.0.1, 172.16.0.0/12 ,fd00::/8")).config().rateLimits();
        assertThat(set.signInsPerAddress()).isZero();
        assertThat(set.failedSignInsPerAccount()).isEqualTo(10);
        assertThat(set.signUpsPerAddress()).isEqualTo(100000);
        assertThat(set.trustedProxies()).extracting(Object::toString)
                .containsExactly("127.0.0.1/32", "172.16.0.0/12", "fd00::/8");

        for (String key : new String[] {"CHORUS_SIGN_IN_LIMIT_PER_ADDRESS", "CHORUS_SIGN_IN_LIMIT_PER_ACCOUNT",
                "CHORUS_SIGN_UP_LIMIT_PER_ADDRESS"}) {
            for (String bad : new String[] {"-1", "100001", "lots", "2.5"}) {
                assertThatThrownBy(() -> load(Map.of(key, bad))).as(key + "=" + bad)
                        .hasMessageContaining(key + " is '" + bad + "'")
                        .hasMessageContaining("from 0 to 100000");
            }
        }
        // A host name would need DNS at every start and could change under us: addresses only.
        assertThatThrownBy(() -> load(Map.of("CHORUS_TRUSTED_PROXIES", "127.0.0.1,proxy.internal")))
                .hasMessageContaining("CHORUS_TRUSTED_PROXIES is '127.0.0.1,proxy.internal'")
                .hasMessageContaining("IP addresses or CIDR blocks");
        assertThatThrownBy(() -> load(Map.of("CHORUS_TRUSTED_PROXIES", "10.0.0.0/40")))
                .hasMessageContaining("CHORUS_TRUSTED_PROXIES");
    }

    @Test
    void aPublicDomainGetsHttpsAndThePortFollowsTheSetting() {
        ChorusConfig c = load(Map.of("CHORUS_DOMAIN", "social.example", "CHORUS_HTTP_PORT", "9000")).config();
        assertThat(c.baseUrl()).isEqualTo("https://social.example");
        assertThat(c.httpPort()).isEqualTo(9000);
        assertThat(load(Map.of("CHORUS_HTTP_PORT", "9001")).config().baseUrl()).isEqualTo("http://localhost:9001");
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws IOException {
        Path f = file("""
                # comments and blank lines are fine

                CHORUS_DOMAIN=file.example
                CHORUS_HTTP_PORT="8181"
                export CHORUS_LOG_LEVEL='debug'
                """);
        ConfigLoader.Loaded loaded = load(Map.of("CHORUS_CONFIG", f.toString(), "CHORUS_HTTP_PORT", "8282"));
        ChorusConfig c = loaded.config();
        assertThat(c.domain()).isEqualTo("file.example");
        assertThat(c.logLevel()).isEqualTo("debug");
        assertThat(c.httpPort()).isEqualTo(8282);
        assertThat(loaded.values()).extracting(ConfigValue::toString).contains(
                "CHORUS_DOMAIN=file.example [config file]",
                "CHORUS_HTTP_PORT=8282 [environment]",
                "CHORUS_DB_POOL_SIZE=10 [default]");
    }

    @Test
    void configArgumentWinsOverTheEnvironmentVariable() throws IOException {
        Path f = file("CHORUS_DOMAIN=arg.example\n");
        Path other = dir.resolve("other.conf");
        Files.writeString(other, "CHORUS_DOMAIN=env.example\n");
        ChorusConfig c = new ConfigLoader(Map.of("CHORUS_CONFIG", other.toString())).load(Optional.of(f)).config();
        assertThat(c.domain()).isEqualTo("arg.example");
    }

    @Test
    void invalidValuesNameTheKeyTheValueItsSourceAndWhatIsAllowed() {
        assertThatThrownBy(() -> load(Map.of("CHORUS_HTTP_PORT", "abc")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("CHORUS_HTTP_PORT is 'abc' (from environment), which is not allowed."
                        + " Allowed: a whole number from 1 to 65535.");
        assertThatThrownBy(() -> load(Map.of("CHORUS_HTTP_PORT", "70000")))
                .hasMessageContaining("from 1 to 65535");
        assertThatThrownBy(() -> load(Map.of("CHORUS_DB_POOL_SIZE", "0")))
                .hasMessageContaining("CHORUS_DB_POOL_SIZE is '0'").hasMessageContaining("from 1 to 200");
        assertThatThrownBy(() -> load(Map.of("CHORUS_ALLOW_PRIVATE_ADDRESSES", "yes")))
                .hasMessageContaining("CHORUS_ALLOW_PRIVATE_ADDRESSES is 'yes'").hasMessageContaining("true or false");
        assertThatThrownBy(() -> load(Map.of("CHORUS_DELIVERY_LEASE_SECONDS", "4")))
                .hasMessageContaining("CHORUS_DELIVERY_LEASE_SECONDS is '4'").hasMessageContaining("from 5 to 3600");
        assertThat(load(Map.of("CHORUS_DELIVERY_LEASE_SECONDS", "5")).config().deliveryLease())
                .isEqualTo(java.time.Duration.ofSeconds(5));
        assertThatThrownBy(() -> load(Map.of("CHORUS_LOG_LEVEL", "loud")))
                .hasMessageContaining("Allowed: error, warn, info, debug, trace.");
        assertThatThrownBy(() -> load(Map.of("CHORUS_DOMAIN", "https://social.example")))
                .hasMessageContaining("CHORUS_DOMAIN is 'https://social.example'")
                .hasMessageContaining("without scheme or path");
        assertThatThrownBy(() -> load(Map.of("CHORUS_DOMAIN", "Social.Example")))
                .hasMessageContaining("lower-case host name");
    }

    @Test
    void baseUrlMustBeTheDomainWithoutPath() {
        assertThat(load(Map.of("CHORUS_DOMAIN", "a.example", "CHORUS_BASE_URL", "http://a.example/")).config()
                .baseUrl()).isEqualTo("http://a.example");
        assertThatThrownBy(() -> load(Map.of("CHORUS_DOMAIN", "a.example", "CHORUS_BASE_URL", "https://b.example")))
                .hasMessageContaining("CHORUS_BASE_URL is 'https://b.example'")
                .hasMessageContaining("whose host (and port) is CHORUS_DOMAIN (a.example)");
        assertThatThrownBy(() -> load(Map.of("CHORUS_DOMAIN", "a.example", "CHORUS_BASE_URL", "https://a.example/x")))
                .hasMessageContaining("without path");
        assertThatThrownBy(() -> load(Map.of("CHORUS_DOMAIN", "a.example", "CHORUS_BASE_URL", "ftp://a.example")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void databaseUrlsAreCheckedAndPasswordsNeverEchoed() {
        assertThatThrownBy(() -> load(Map.of("CHORUS_DB_URL", "jdbc:postgresql://db/x?password=hunter22")))
                .hasMessageContaining("CHORUS_DB_URL is 'jdbc:postgresql://db/x?password=***'")
                .hasMessageContaining("jdbc:mariadb://HOST:PORT/DATABASE")
                .message().doesNotContain("hunter22");
        ChorusConfig c = load(Map.of("CHORUS_DB_URL", "jdbc:mariadb://db:3306/chorus",
                "CHORUS_DB_PASSWORD", "hunter22")).config();
        assertThat(c.db().url()).isEqualTo("jdbc:mariadb://db:3306/chorus");
        assertThat(c.db().password()).isEqualTo("hunter22");
        assertThat(c.toString()).doesNotContain("hunter22");
        assertThat(load(Map.of("CHORUS_DB_PASSWORD", "hunter22")).values())
                .extracting(ConfigValue::toString).noneMatch(s -> s.contains("hunter22"));
    }

    @Test
    void anOperatorsH2UrlGetsTheFlagsThatMakeItBehaveLikeMariaDb() {
        ChorusConfig c = load(Map.of("CHORUS_DB_URL", "jdbc:h2:file:/srv/chorus/db;MODE=MariaDB")).config();
        assertThat(c.db().url()).startsWith("jdbc:h2:file:/srv/chorus/db;MODE=MariaDB;")
                .contains("DATABASE_TO_LOWER=TRUE", "DEFAULT_NULL_ORDERING=HIGH", "IGNORECASE=TRUE",
                        "LOCK_TIMEOUT=10000");
        assertThat(c.db().url().split("MODE=", -1)).hasSize(2);
    }

    @Test
    void unknownSettingsInAFileAreErrorsAndInTheEnvironmentWarnings() throws IOException {
        Path f = file("CHORUS_DOMIAN=typo.example\n");
        assertThatThrownBy(() -> load(Map.of("CHORUS_CONFIG", f.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting CHORUS_DOMIAN")
                .hasMessageContaining("CHORUS_DOMAIN");
        assertThat(load(Map.of("CHORUS_DOMIAN", "x")).warnings())
                .containsExactly("Unknown setting CHORUS_DOMIAN in the environment is ignored.");
    }

    @Test
    void aMissingOrMalformedConfigFileIsAClearError() throws IOException {
        assertThatThrownBy(() -> load(Map.of("CHORUS_CONFIG", dir.resolve("absent.conf").toString())))
                .hasMessageContaining("Cannot read the config file").hasMessageContaining("no such file");
        Path f = file("CHORUS_DOMAIN\n");
        assertThatThrownBy(() -> load(Map.of("CHORUS_CONFIG", f.toString())))
                .hasMessageContaining("line 1: expected KEY=value");
    }
}
