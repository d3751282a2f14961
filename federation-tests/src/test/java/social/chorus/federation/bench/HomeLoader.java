package social.chorus.federation.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import social.chorus.federation.bench.HomeDataset.Viewer;
import social.chorus.testing.TestDatabase;

/**
 * Writes the dataset straight into a migrated Chorus database with multi-row INSERTs (not through
 * the API: a million posts through the API would take hours), with foreign-key checks off for the
 * load only. Account ids are the dataset's indexes plus a base above the accounts already there.
 */
final class HomeLoader {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final String[] WORDS = ("the a of federated post timeline home people write about music garden "
            + "coffee rain weather city train book film photo today tomorrow friend community server fediverse "
            + "open small kind question answer idea").split(" ");

    /** What was loaded and how long it took. */
    record Loaded(long accountBase, long statuses, long mentions, long tags, long follows, long blocks, long millis) {
    }

    private final HomeDataset d;
    private final String localBase;
    private long accountBase;

    HomeLoader(HomeDataset d, String localBaseUrl) {
        this.d = d;
        this.localBase = localBaseUrl;
    }

    long accountId(int account) {
        return accountBase + account;
    }

    Loaded load(TestDatabase db) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(db.config().url(), db.config().user(), db.config().password())) {
            boolean mariadb = db.kind() == TestDatabase.Kind.MARIADB;
            exec(c, mariadb ? "SET SESSION foreign_key_checks = 0" : "SET REFERENTIAL_INTEGRITY FALSE");
            if (mariadb) {
                exec(c, "SET SESSION unique_checks = 0");
            }
            c.setAutoCommit(false);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(id) FROM account")) {
                rs.next();
                accountBase = rs.getLong(1) + 1_000;
            }
            accounts(c);
            long statuses = statuses(c);
            long mentions = mentions(c);
            long tags = tags(c);
            long follows = follows(c);
            long blocks = blocks(c);
            c.commit();
            c.setAutoCommit(true);
            exec(c, mariadb ? "SET SESSION foreign_key_checks = 1" : "SET REFERENTIAL_INTEGRITY TRUE");
            if (mariadb) {
                // Fresh statistics, as InnoDB keeps them after such a change on its own.
                exec(c, "ANALYZE TABLE account, status, status_mention, status_tag, follow, account_block");
            } else {
                exec(c, "ANALYZE");
            }
            return new Loaded(accountBase, statuses, mentions, tags, follows, blocks,
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private String accountUri(int a) {
        return d.local[a] ? localBase + "/users/" + d.username(a) : "https://" + d.domain[a] + "/users/" + d.username(a);
    }

    private String statusUri(int i) {
        String base = accountUri(d.author[i]) + "/statuses/" + d.id[i];
        return d.reblogOf[i] >= 0 ? base + "/activity" : base;
    }

    private String time(int i) {
        return DATETIME.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(d.id[i] >>> 16), ZoneOffset.UTC));
    }

    private void accounts(Connection c) {
        int[] counts = new int[d.accounts()];
        for (int a : d.author) {
            counts[a]++;
        }
        String created = DATETIME.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(d.firstMillis), ZoneOffset.UTC));
        try (SqlRows rows = new SqlRows(c, "account", "id, username, domain, uri, url, display_name, note, inbox_url,"
                + " shared_inbox_url, followers_url, following_url, public_key_id, public_key_pem, statuses_count,"
                + " created_at, updated_at")) {
            for (int a = 0; a < d.accounts(); a++) {
                String uri = accountUri(a);
                String server = d.local[a] ? localBase : "https://" + d.domain[a];
                rows.row(accountId(a), d.username(a), d.domain[a], uri, server + "/@" + d.username(a),
                        "User " + a, "<p>About user " + a + "</p>", uri + "/inbox", server + "/inbox",
                        uri + "/followers", uri + "/following", uri + "#main-key",
                        "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + a
                                + "\n-----END PUBLIC KEY-----\n", counts[a], created, created);
            }
        }
    }

    private long statuses(Connection c) throws SQLException {
        StringBuilder text = new StringBuilder();
        java.util.Random words = new java.util.Random(d.spec.seed() + 1);
        try (SqlRows rows = new SqlRows(c, "status", "id, uri, url, account_id, `local`, in_reply_to_id,"
                + " in_reply_to_uri, in_reply_to_account_id, conversation, visibility, `text`, content, spoiler_text,"
                + " `sensitive`, `language`, created_at, updated_at, reblog_of_id")) {
            for (int i = 0; i < d.id.length; i++) {
                int a = d.author[i];
                boolean boost = d.reblogOf[i] >= 0;
                text.setLength(0);
                if (!boost) {
                    int n = 8 + words.nextInt(30);
                    for (int w = 0; w < n; w++) {
                        text.append(w == 0 ? "" : " ").append(WORDS[words.nextInt(WORDS.length)]);
                    }
                }
                String content = boost ? "" : "<p>" + text + "</p>";
                int parent = d.replyTo[i];
                String server = d.local[a] ? localBase : "https://" + d.domain[a];
                rows.row(d.id[i], statusUri(i), boost ? null : server + "/@" + d.username(a) + "/" + d.id[i],
                        accountId(a), d.local[a], parent < 0 ? null : d.id[parent],
                        parent < 0 ? null : statusUri(parent), parent < 0 ? null : accountId(d.author[parent]),
                        server + "/contexts/" + d.id[d.root[i]], HomeDataset.VISIBILITY[d.visibility[i]],
                        d.local[a] && !boost ? text.toString() : null, content, "", false, boost ? null : "en",
                        time(i), time(i), boost ? d.id[d.reblogOf[i]] : null);
                if (i % 50_000 == 49_999) {
                    rows.flush();
                    c.commit();
                }
            }
            rows.flush();
            return rows.total();
        }
    }

    private long mentions(Connection c) {
        try (SqlRows rows = new SqlRows(c, "status_mention", "status_id, account_id")) {
            d.mentions.forEach((i, who) -> {
                for (int a : who) {
                    rows.row(d.id[i], accountId(a));
                }
            });
            rows.flush();
            return rows.total();
        }
    }

    private long tags(Connection c) {
        try (SqlRows rows = new SqlRows(c, "status_tag", "status_id, `name`")) {
            d.tags.forEach((i, names) -> {
                for (String t : names) {
                    rows.row(d.id[i], t);
                }
            });
            rows.flush();
            return rows.total();
        }
    }

    private long follows(Connection c) {
        String now = time(d.id.length - 1);
        long[] n = {0};
        try (SqlRows rows = new SqlRows(c, "follow", "account_id, target_account_id, uri, state, created_at, updated_at")) {
            for (Viewer v : List.of(d.typical, d.quiet)) {
                v.followed().forEach(t -> rows.row(accountId(v.account()), accountId(t),
                        followUri(v.account(), n[0]++), "accepted", now, now));
                v.pending().forEach(t -> rows.row(accountId(v.account()), accountId(t),
                        followUri(v.account(), n[0]++), "pending", now, now));
            }
            for (int[] p : d.otherFollows) {
                rows.row(accountId(p[0]), accountId(p[1]), followUri(p[0], n[0]++), "accepted", now, now);
            }
            rows.flush();
            return rows.total();
        }
    }

    private String followUri(int account, long n) {
        return accountUri(account) + "#follows/" + n;
    }

    private long blocks(Connection c) {
        String now = time(d.id.length - 1);
        long[] n = {0};
        try (SqlRows rows = new SqlRows(c, "account_block", "account_id, target_account_id, uri, created_at")) {
            for (Viewer v : List.of(d.typical, d.quiet)) {
                v.blocks().forEach(t -> rows.row(accountId(v.account()), accountId(t),
                        accountUri(v.account()) + "#blocks/" + n[0]++, now));
                v.blockedBy().forEach(t -> rows.row(accountId(t), accountId(v.account()),
                        accountUri(t) + "#blocks/" + n[0]++, now));
            }
            for (int[] p : d.otherBlocks) {
                rows.row(accountId(p[0]), accountId(p[1]), accountUri(p[0]) + "#blocks/" + n[0]++, now);
            }
            rows.flush();
            return rows.total();
        }
    }
}
