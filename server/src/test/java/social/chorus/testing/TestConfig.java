package social.chorus.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import social.chorus.app.config.ChorusConfig;
import social.chorus.app.config.ConfigLoader;

/** Configuration for an in-process test instance: a free loopback port and the given database. */
public final class TestConfig {
    private TestConfig() {
    }

    /** The environment of a test instance; {@code extra} overrides or adds settings. */
    public static Map<String, String> env(TestDatabase db, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(db.env());
        env.put("CHORUS_HTTP_HOST", "127.0.0.1");
        env.put("CHORUS_HTTP_PORT", String.valueOf(TestPorts.free()));
        env.put("CHORUS_SHUTDOWN_GRACE_SECONDS", "5");
        // Every test client is 127.0.0.1, and rigs sign up more people than the production limit
        // (5 per address per 30 minutes) allows. Sign-in limits stay at their defaults; the tests of
        // the limits themselves set theirs in extra.
        env.put("CHORUS_SIGN_UP_LIMIT_PER_ADDRESS", "1000");
        env.putAll(extra);
        return env;
    }

    public static ChorusConfig of(TestDatabase db) {
        return of(db, Map.of());
    }

    public static ChorusConfig of(TestDatabase db, Map<String, String> extra) {
        return new ConfigLoader(env(db, extra)).load(Optional.empty()).config();
    }
}
