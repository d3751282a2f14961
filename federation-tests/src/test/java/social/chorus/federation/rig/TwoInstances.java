package social.chorus.federation.rig;

import java.util.List;
import java.util.Map;
import social.chorus.app.Chorus;
import social.chorus.testing.TestDatabase;

/** Two live instances: A on MariaDB and B on the embedded database (see {@link LiveInstances}). */
public final class TwoInstances implements AutoCloseable {
    private final LiveInstances live;

    /** @param extraEnv settings both instances get on top of the development ones */
    public TwoInstances(Map<String, String> extraEnv) {
        this.live = new LiveInstances(List.of(TestDatabase.Kind.MARIADB, TestDatabase.Kind.H2), extraEnv);
    }

    public Chorus a() {
        return live.get(0);
    }

    public Chorus b() {
        return live.get(1);
    }

    @Override
    public void close() {
        live.close();
    }
}
