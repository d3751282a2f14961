package social.chorus.federation.rig;

import social.chorus.testing.TestDatabase;

/**
 * The servers a {@link FakePeer} can play, and the database the Chorus instance under test uses
 * when it talks to that platform: MariaDB for one of them, the embedded database for the others,
 * so the whole matrix stays short while both databases see a full run.
 */
public enum Platform {
    MASTODON(new MastodonDialect(), TestDatabase.Kind.MARIADB),
    LEMMY(new LemmyDialect(), TestDatabase.Kind.H2),
    MISSKEY(new MisskeyDialect(), TestDatabase.Kind.H2),
    GOTOSOCIAL(new GoToSocialDialect(), TestDatabase.Kind.H2);

    private final PeerDialect dialect;
    private final TestDatabase.Kind database;

    Platform(PeerDialect dialect, TestDatabase.Kind database) {
        this.dialect = dialect;
        this.database = database;
    }

    public PeerDialect dialect() {
        return dialect;
    }

    public TestDatabase.Kind database() {
        return database;
    }
}
