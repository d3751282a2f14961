package social.chorus.federation.rig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.chorus.app.Chorus;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * Live instances in this JVM, each on its own database, port and keys, open for sign-up. Loopback
 * peers and plain http exist only behind the explicit development setting, which all get.
 */
public final class LiveInstances implements AutoCloseable {
    private final List<TestDatabase> databases = new ArrayList<>();
    private final List<Chorus> instances = new ArrayList<>();

    /** @param extraEnv settings every instance gets on top of the development ones */
    public LiveInstances(List<TestDatabase.Kind> kinds, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(
                Map.of("CHORUS_ALLOW_PRIVATE_ADDRESSES", "true", "CHORUS_REGISTRATIONS", "open"));
        env.putAll(extraEnv);
        try {
            for (TestDatabase.Kind kind : kinds) {
                TestDatabase db = TestDatabase.create(kind);
                databases.add(db);
                instances.add(Chorus.start(TestConfig.of(db, env)));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public Chorus get(int index) {
        return instances.get(index);
    }

    @Override
    public void close() {
        try {
            instances.forEach(Chorus::stop);
        } finally {
            databases.forEach(TestDatabase::close);
        }
    }
}
