package social.chorus.federation.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import social.chorus.app.Chorus;
import social.chorus.federation.bench.HomeDataset.Viewer;
import social.chorus.model.StatusView;
import social.chorus.process.timeline.TimelineService;
import social.chorus.storage.StatusRepository.PageQuery;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * The home timeline issue's benchmark: a million statuses from 20,000 accounts, one viewer
 * following 1,000 of them, p99 of a 40-post page through {@link TimelineService#home} (the code
 * behind {@code GET /api/v1/timelines/home}, including the page's status views). Two viewers in
 * the same data: "typical", whose followed accounts wrote 5–10% of all posts, and "quiet", whose
 * followed accounts wrote about 1% (more rows to pass over per page). Four page shapes each:
 * the first page, page 11 by max_id, a page forward from min_id and a page newer than since_id.
 * Each page is first checked against {@link HomeReference} (the rules applied in memory); only
 * then is it timed. Prints figures; fails only when a page is wrong.
 *
 * <p>Run: {@code ./mvnw -o -pl schema,server,federation-tests verify -Dbenchmarks
 * -Dtest=HomeTimelineBenchmark -Dsurefire.failIfNoSpecifiedTests=false}. Knobs
 * ({@code -Dchorus.bench.home.X}): {@code statuses} (1000000), {@code iterations} (2000 per
 * page shape), {@code warmup} (300), {@code databases} (MARIADB; add H2 for the embedded database, whose load of a
 * million statuses takes over ten minutes here), {@code keepDatabase}
 * (false; true leaves the loaded database or H2 file in place for experiments and prints where).
 */
@Tag("benchmark")
class HomeTimelineBenchmark {
    static final int LIMIT = TimelineService.MAX_LIMIT;
    static final double GOAL_P99_MS = 20;

    /** One measured page shape: its figures and what it cost the database. */
    record Measured(String viewer, double share, String shape, long[] nanos, HomeProbe.Cost cost) {
        double percentileMs(double p) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            int rank = (int) Math.ceil(p / 100.0 * s.length) - 1;
            return s[Math.max(0, Math.min(rank, s.length - 1))] / 1e6;
        }
    }

    /** A database's run. */
    record Run(TestDatabase.Kind kind, String version, HomeLoader.Loaded loaded, String loadAverage,
            List<Measured> results) {
    }

    @Test
    void homeTimelineOfAMillionStatuses() throws Exception {
        int statuses = Integer.getInteger("chorus.bench.home.statuses", 1_000_000);
        int iterations = Integer.getInteger("chorus.bench.home.iterations", 2_000);
        int warmup = Integer.getInteger("chorus.bench.home.warmup", 300);
        boolean keep = Boolean.getBoolean("chorus.bench.home.keepDatabase");
        List<TestDatabase.Kind> kinds = Arrays.stream(System.getProperty("chorus.bench.home.databases", "MARIADB")
                .split(",")).map(s -> TestDatabase.Kind.valueOf(s.strip().toUpperCase(Locale.ROOT))).toList();

        long g0 = System.nanoTime();
        HomeDataset data = HomeDataset.generate(HomeDataset.Spec.of(statuses));
        long generateMs = (System.nanoTime() - g0) / 1_000_000;
        HomeReference reference = new HomeReference(data);
        SoftAssertions worked = new SoftAssertions();
        List<Run> runs = new ArrayList<>();
        for (TestDatabase.Kind kind : kinds) {
            runs.add(measure(kind, data, reference, iterations, warmup, keep, worked));
        }
        System.out.println(HomeReport.render(data, generateMs, iterations, warmup, runs));
        worked.assertAll();
    }

    private static Run measure(TestDatabase.Kind kind, HomeDataset data, HomeReference reference, int iterations,
            int warmup, boolean keep, SoftAssertions worked) throws Exception {
        TestDatabase tdb = TestDatabase.create(kind);
        try {
            Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_LOG_LEVEL", "warn")));
            try {
                HomeLoader loader = new HomeLoader(data, chorus.config().baseUrl());
                HomeLoader.Loaded loaded = loader.load(tdb);
                System.out.printf(Locale.ROOT, "%s: loaded %,d statuses in %.1f s%n", kind, loaded.statuses(),
                        loaded.millis() / 1000.0);
                TimelineService timelines = chorus.services().timelines();
                List<Measured> results = new ArrayList<>();
                try (HomeProbe probe = new HomeProbe(tdb)) {
                    for (Viewer v : List.of(data.typical, data.quiet)) {
                        long viewerId = loader.accountId(v.account());
                        for (Shape shape : shapes(reference, v)) {
                            check(worked, kind, v, shape, timelines.home(viewerId, shape.page()).await(),
                                    reference.page(v, shape.page()), data, loader);
                            long[] nanos = time(timelines, viewerId, shape.page(), warmup, iterations);
                            HomeProbe.Cost cost = probe.measure(viewerId, shape.page());
                            results.add(new Measured(v.label(), data.followedShare(v), shape.name(), nanos, cost));
                        }
                    }
                }
                String load = BenchMachine.loadAverage();
                return new Run(kind, chorus.services().db().version(), loaded, load, results);
            } finally {
                chorus.stop();
            }
        } finally {
            if (keep) {
                System.out.println(kind + ": database kept: " + tdb.config().url());
            } else {
                tdb.close();
            }
        }
    }

    /** A page shape to measure: its name and its query. */
    record Shape(String name, PageQuery page) {
    }

    private static List<Shape> shapes(HomeReference reference, Viewer v) {
        PageQuery first = new PageQuery(null, null, null, LIMIT);
        // Walk ten pages back as a client scrolling would, to find where page 11 starts.
        Long maxId = null;
        Long secondPageEnd = null;
        for (int p = 1; p <= 10; p++) {
            List<Long> page = reference.page(v, new PageQuery(maxId, null, null, LIMIT));
            maxId = page.get(page.size() - 1);
            if (p == 2) {
                secondPageEnd = maxId;
            }
        }
        return List.of(new Shape("first page", first),
                new Shape("page 11 (max_id)", new PageQuery(maxId, null, null, LIMIT)),
                new Shape("min_id (forward from page 10)", new PageQuery(null, null, maxId, LIMIT)),
                new Shape("since_id (newer than page 2)", new PageQuery(null, secondPageEnd, null, LIMIT)));
    }

    private static long[] time(TimelineService timelines, long viewerId, PageQuery page, int warmup, int iterations) {
        for (int i = 0; i < warmup; i++) {
            timelines.home(viewerId, page).await();
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            timelines.home(viewerId, page).await();
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    /** The page is the reference's, and each view carries its author, boosted status, mentions and tags. */
    private static void check(SoftAssertions worked, TestDatabase.Kind kind, Viewer v, Shape shape, List<StatusView> got,
            List<Long> expected, HomeDataset data, HomeLoader loader) {
        String what = kind + " " + v.label() + " " + shape.name();
        worked.assertThat(got.stream().map(s -> s.status().id()).toList()).as(what).isEqualTo(expected);
        worked.assertThat(expected).as(what + ": a full page").hasSize(LIMIT);
        for (StatusView s : got) {
            int i = Arrays.binarySearch(data.id, s.status().id());
            if (i < 0) {
                continue; // already reported by the id comparison
            }
            worked.assertThat(s.account().id()).as(what + " author of " + s.status().id())
                    .isEqualTo(loader.accountId(data.author[i]));
            int original = data.reblogOf[i];
            if (original >= 0) {
                worked.assertThat(s.reblog()).as(what + " boost " + s.status().id()).isNotNull();
                if (s.reblog() != null) {
                    worked.assertThat(s.reblog().status().id()).isEqualTo(data.id[original]);
                    worked.assertThat(s.reblog().account().id()).isEqualTo(loader.accountId(data.author[original]));
                    worked.assertThat(s.reblog().mentions()).hasSize(count(data.mentions.get(original)));
                    worked.assertThat(s.reblog().tags()).hasSize(count(data.tags.get(original)));
                }
            } else {
                worked.assertThat(s.reblog()).as(what + " not a boost " + s.status().id()).isNull();
                worked.assertThat(s.mentions()).as(what + " mentions of " + s.status().id())
                        .hasSize(count(data.mentions.get(i)));
                worked.assertThat(s.tags()).as(what + " tags of " + s.status().id()).hasSize(count(data.tags.get(i)));
            }
        }
    }

    private static int count(Object array) {
        return array == null ? 0 : java.lang.reflect.Array.getLength(array);
    }
}
