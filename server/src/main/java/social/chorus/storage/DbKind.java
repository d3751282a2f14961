package social.chorus.storage;

import org.jooq.SQLDialect;

/** The two databases Chorus runs on, told apart by the JDBC URL. */
public enum DbKind {
    MARIADB("mariadb", "MariaDB", SQLDialect.MARIADB),
    // SQLDialect.MARIADB does not work against H2 in MariaDB mode (RETURNING, JSON binds).
    H2("h2", "H2", SQLDialect.H2);

    private final String id;
    private final String displayName;
    private final SQLDialect dialect;

    DbKind(String id, String displayName, SQLDialect dialect) {
        this.id = id;
        this.displayName = displayName;
        this.dialect = dialect;
    }

    public static DbKind fromUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:mariadb:")) {
            return MARIADB;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("Unsupported JDBC URL scheme");
    }

    /** Lower-case name used in JSON and in vendor migration folders. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public SQLDialect dialect() {
        return dialect;
    }
}
