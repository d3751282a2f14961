package social.chorus.federation.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import social.chorus.process.status.StatusViews;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.FavouriteRepository;
import social.chorus.storage.MediaAttachmentRepository;
import social.chorus.storage.PinRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.StatusRepository.PageQuery;
import social.chorus.storage.TimelineRepository;
import social.chorus.testing.TestDatabase;

/**
 * What one home page costs the database, outside the timed loop: the same repository and view
 * code as the server's, run on one connection of its own that records every statement, so the
 * number of queries per page is counted; on MariaDB the handler reads of the whole page (rows
 * the engine touched) and {@code ANALYZE} of the timeline statements; on H2 their scan counts.
 */
final class HomeProbe implements AutoCloseable {
    /** The cost of one page. */
    record Cost(int queries, long handlerReads, List<String> plans) {
    }

    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private final Connection connection;
    private final boolean mariadb;
    private final List<String> statements = new ArrayList<>();
    private final DSLContext dsl;
    private final TimelineRepository timelines = new TimelineRepository();
    private final StatusViews views;

    HomeProbe(TestDatabase db) throws SQLException {
        connection = DriverManager.getConnection(db.config().url(), db.config().user(), db.config().password());
        mariadb = db.kind() == TestDatabase.Kind.MARIADB;
        DefaultConfiguration cfg = new DefaultConfiguration();
        cfg.set(connection);
        cfg.set(mariadb ? SQLDialect.MARIADB : SQLDialect.H2);
        // Values inline, so that each recorded statement can be explained as it ran.
        cfg.set(new Settings().withStatementType(StatementType.STATIC_STATEMENT).withExecuteLogging(false));
        cfg.set(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                statements.add(ctx.sql());
            }
        });
        dsl = DSL.using(cfg);
        Clock clock = Clock.systemUTC();
        views = new StatusViews(new StatusRepository(clock), new AccountRepository(clock), new FavouriteRepository(clock),
                new PinRepository(clock), new MediaAttachmentRepository());
    }

    Cost measure(long viewerId, PageQuery page) throws SQLException {
        statements.clear();
        long readsBefore = mariadb ? handlerReads() : 0;
        var found = timelines.home(dsl, viewerId, page);
        int timelineStatements = statements.size();
        views.views(dsl, found, viewerId);
        long reads = mariadb ? handlerReads() - readsBefore : -1;
        int queries = statements.size();
        List<String> timelineSql = new ArrayList<>(statements.subList(0, timelineStatements));
        List<String> plans = new ArrayList<>();
        for (String sql : timelineSql) {
            plans.add(mariadb ? analyzeMariadb(sql) : analyzeH2(sql));
        }
        return new Cost(queries, reads, plans);
    }

    /** Rows read through the storage engine's handler interface by this session so far. */
    private long handlerReads() throws SQLException {
        long sum = 0;
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'Handler_read%'")) {
            while (rs.next()) {
                sum += rs.getLong(2);
            }
        }
        // The SHOW itself reads no table rows through the handler.
        return sum;
    }

    private String analyzeMariadb(String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("ANALYZE " + sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                out.append(String.format(Locale.ROOT, "      %-2s %-18s %-9s %-7s %-26s rows %-8s r_rows %-9s r_filtered %-6s %s%n",
                        rs.getString("id"), rs.getString("select_type"), rs.getString("table"), rs.getString("type"),
                        rs.getString("key"), rs.getString("rows"), rs.getString("r_rows"), rs.getString("r_filtered"),
                        md.getColumnCount() >= 13 ? rs.getString("Extra") : ""));
            }
        }
        return out.toString();
    }

    private String analyzeH2(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN ANALYZE " + sql)) {
            rs.next();
            String plan = rs.getString(1);
            Matcher m = SCAN_COUNT.matcher(plan);
            List<String> counts = new ArrayList<>();
            while (m.find()) {
                counts.add(m.group(1));
            }
            return "      scan counts per table in plan order: " + String.join(", ", counts) + "\n";
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
