package social.chorus.federation.rig;

import java.util.HashMap;
import java.util.Map;
import social.chorus.app.Chorus;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * Two live instances in this JVM, A on MariaDB and B on the embedded database, each on its own
 * port with its own keys, open for sign-up. Loopback peers and plain http exist only behind the
 * explicit development setting, which both get.
 */
public final class TwoInstances implements AutoCloseable {
    private final TestDatabase dbA = TestDatabase.mariadb();
    private final TestDatabase dbB = TestDatabase.h2();
    private final Chorus a;
    private final Chorus b;

    /** @param extraEnv settings both instances get on top of the development ones */
    public TwoInstances(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(
                Map.of("CHORUS_ALLOW_PRIVATE_ADDRESSES", "true", "CHORUS_REGISTRATIONS", "open"));
        env.putAll(extraEnv);
        Chorus first = null;
        try {
            first = Chorus.start(TestConfig.of(dbA, env));
            this.a = first;
            this.b = Chorus.start(TestConfig.of(dbB, env));
        } catch (RuntimeException e) {
            if (first != null) {
                first.stop();
            }
            dbA.close();
            dbB.close();
            throw e;
        }
    }

    public Chorus a() {
        return a;
    }

    public Chorus b() {
        return b;
    }

    @Override
    public void close() {
        try {
            a.stop();
            b.stop();
        } finally {
            dbA.close();
            dbB.close();
        }
    }
}
