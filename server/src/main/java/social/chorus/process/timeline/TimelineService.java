package social.chorus.process.timeline;

import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;
import social.chorus.model.StatusView;
import social.chorus.process.status.StatusViews;
import social.chorus.storage.Db;
import social.chorus.storage.StatusRepository.PageQuery;
import social.chorus.storage.TimelineRepository;
import social.chorus.storage.TimelineRepository.Origin;

/**
 * Timelines as a viewer sees them: home (own and followed accounts' statuses), public (local,
 * remote or all) and hashtag. The visibility and block rules are applied by the queries, so
 * every page is full when there is enough to fill it. {@code viewerId} null is an anonymous caller.
 */
public final class TimelineService {
    /** Mastodon's default and largest page of statuses. */
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 40;
    private static final int MAX_TAG = 100;

    private final Db db;
    private final TimelineRepository timelines;
    private final StatusViews views;

    public TimelineService(Db db, TimelineRepository timelines, StatusViews views) {
        this.db = db;
        this.timelines = timelines;
        this.views = views;
    }

    /**
     * A limit parameter clamped as Mastodon clamps it (magnitude, at most 40, at least 1); absent
     * or not a number → 20. Never an error: clients send odd limits and expect a page.
     */
    public static int limitOf(String raw) {
        String v = raw == null ? "" : raw.strip();
        if (!v.matches("[+-]?[0-9]{1,30}")) {
            return DEFAULT_LIMIT;
        }
        String digits = v.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
        long n = digits.length() > 9 ? MAX_LIMIT : Long.parseLong(digits);
        return (int) Math.max(1, Math.min(n, MAX_LIMIT));
    }

    public Future<List<StatusView>> home(long viewerId, PageQuery page) {
        return db.read(dsl -> views.views(dsl, timelines.home(dsl, viewerId, bounded(page)), viewerId));
    }

    public Future<List<StatusView>> publicTimeline(Long viewerId, Origin origin, PageQuery page) {
        return db.read(dsl -> views.views(dsl, timelines.publicTimeline(dsl, viewerId, origin, bounded(page)), viewerId));
    }

    /** Statuses with a hashtag, matched case-insensitively; an impossible tag simply has none. */
    public Future<List<StatusView>> tag(Long viewerId, String tag, Origin origin, PageQuery page) {
        String name = normalTag(tag);
        if (name.isEmpty() || name.length() > MAX_TAG) {
            return Future.succeededFuture(List.of());
        }
        return db.read(dsl -> views.views(dsl, timelines.tagged(dsl, viewerId, name, origin, bounded(page)), viewerId));
    }

    /** As tags are stored: lower case, without a leading '#'. */
    static String normalTag(String tag) {
        String t = tag == null ? "" : tag.strip();
        if (t.startsWith("#")) {
            t = t.substring(1);
        }
        return t.toLowerCase(Locale.ROOT);
    }

    /** The limit is clamped here too, so no caller can ask the database for an unbounded page. */
    private static PageQuery bounded(PageQuery p) {
        int limit = Math.max(1, Math.min(p.limit(), MAX_LIMIT));
        return new PageQuery(p.maxId(), p.sinceId(), p.minId(), limit);
    }
}
