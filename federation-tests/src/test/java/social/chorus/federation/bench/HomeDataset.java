package social.chorus.federation.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The home timeline benchmark's population, made in memory from a seed (the same figures on every
 * run): accounts with skewed activity (the author of activity rank r posts in proportion to
 * 1/(r + 20)), statuses in time order with time-sortable ids, a mix of visibilities, mentions,
 * tags, replies and boosts, and the follows and blocks of two measured viewers and of many other
 * people. Kept in memory so that the benchmark can check every page it measures against a
 * reference computed here ({@link HomeReference}), not only time it.
 */
final class HomeDataset {
    static final byte PUBLIC = 0;
    static final byte UNLISTED = 1;
    static final byte PRIVATE = 2;
    static final byte DIRECT = 3;
    static final String[] VISIBILITY = {"public", "unlisted", "private", "direct"};

    /** Sizes of the population; the defaults are the issue's. */
    record Spec(int statuses, int authors, int otherViewers, int followsPerOtherViewer, int remoteFollows,
            int randomBlocks, long seed) {
        static Spec of(int statuses) {
            return new Spec(statuses, 20_000, 500, 300, 30_000, 20_000, 20_250_001L);
        }
    }

    /** A measured viewer: whom they follow (accepted), follow requests still pending, blocks either way. */
    record Viewer(String label, int account, Set<Integer> followed, Set<Integer> pending, Set<Integer> blocks,
            Set<Integer> blockedBy) {
    }

    final Spec spec;
    /** Per account (index): local to this instance or not, its server. */
    final boolean[] local;
    final String[] domain;
    /** Per status (index, oldest first): id, author, visibility, boosted status or -1, parent or -1, thread root. */
    final long[] id;
    final int[] author;
    final byte[] visibility;
    final int[] reblogOf;
    final int[] replyTo;
    final int[] root;
    final Map<Integer, int[]> mentions = new HashMap<>();
    final Map<Integer, String[]> tags = new HashMap<>();
    final long firstMillis;
    final long stepMillis;
    final Viewer typical;
    final Viewer quiet;
    /** Other follows and blocks: pairs (account, target) as account indexes; none involves a measured viewer's blocks. */
    final List<int[]> otherFollows = new ArrayList<>();
    final List<int[]> otherBlocks = new ArrayList<>();

    private final Random random;
    private final int[] accountOfRank;

    private HomeDataset(Spec spec) {
        this.spec = spec;
        this.random = new Random(spec.seed());
        int n = spec.authors();
        local = new boolean[n];
        domain = new String[n];
        for (int a = 0; a < n; a++) {
            local[a] = a % 10 == 0;
            domain[a] = local[a] ? "" : "host" + (a % 300) + ".example";
        }
        accountOfRank = shuffled(n);
        int s = spec.statuses();
        id = new long[s];
        author = new int[s];
        visibility = new byte[s];
        reblogOf = new int[s];
        replyTo = new int[s];
        root = new int[s];
        // 90 days of posts ending now: one every ~7.8 s for a million.
        stepMillis = Math.max(1, 90L * 24 * 3600 * 1000 / s);
        firstMillis = System.currentTimeMillis() - stepMillis * s;
        typical = viewer("typical", localAccountNearRank(3_000), rangeSample(50, 2_000, 200), rangeSample(2_000, n, 800));
        quiet = viewer("quiet", localAccountNearRank(15_000), rangeSample(n / 2, n, 1_000), Set.of());
        statuses();
        others();
    }

    static HomeDataset generate(Spec spec) {
        return new HomeDataset(spec);
    }

    int accounts() {
        return spec.authors();
    }

    String username(int account) {
        return "user" + account;
    }

    private int[] shuffled(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private int localAccountNearRank(int rank) {
        for (int r = rank; ; r++) {
            if (local[accountOfRank[r]]) {
                return accountOfRank[r];
            }
        }
    }

    /** {@code count} distinct accounts of activity rank in [from, to). */
    private Set<Integer> rangeSample(int from, int to, int count) {
        Set<Integer> picked = new LinkedHashSet<>();
        while (picked.size() < count) {
            picked.add(accountOfRank[from + random.nextInt(to - from)]);
        }
        return picked;
    }

    private Viewer viewer(String label, int account, Set<Integer> a, Set<Integer> b) {
        Set<Integer> followed = new LinkedHashSet<>(a);
        followed.addAll(b);
        followed.remove(account);
        // Blocks either way among busy accounts that are not followed: their boosted posts must vanish.
        Set<Integer> blocks = new LinkedHashSet<>();
        Set<Integer> blockedBy = new LinkedHashSet<>();
        Set<Integer> pending = new LinkedHashSet<>();
        for (int r = 0; blocks.size() < 25 || blockedBy.size() < 15 || pending.size() < 10; r++) {
            int x = accountOfRank[r];
            if (x == account || followed.contains(x) || isViewerAccount(x)) {
                continue;
            }
            if (r % 3 == 0 && blocks.size() < 25) {
                blocks.add(x);
            } else if (r % 3 == 1 && blockedBy.size() < 15) {
                blockedBy.add(x);
            } else if (r % 3 == 2 && pending.size() < 10) {
                pending.add(x);
            }
        }
        return new Viewer(label, account, followed, pending, blocks, blockedBy);
    }

    private boolean isViewerAccount(int x) {
        return (typical != null && typical.account() == x) || (quiet != null && quiet.account() == x);
    }

    private void statuses() {
        double[] cumulative = new double[spec.authors()];
        double sum = 0;
        for (int r = 0; r < cumulative.length; r++) {
            sum += 1.0 / (r + 20);
            cumulative[r] = sum;
        }
        Set<Long> boosted = new HashSet<>();
        for (int i = 0; i < id.length; i++) {
            long millis = firstMillis + i * stepMillis + random.nextInt((int) Math.min(stepMillis, 1_000));
            id[i] = (millis << 16) | (i & 0xffff);
            author[i] = accountOfRank[rankAt(cumulative, random.nextDouble() * sum)];
            reblogOf[i] = -1;
            replyTo[i] = -1;
            root[i] = i;
            int roll = random.nextInt(1000);
            if (roll < 50 && i > 1_000 && boost(i, boosted)) {
                continue;
            }
            visibility[i] = roll < 800 ? PUBLIC : roll < 900 ? UNLISTED : roll < 970 ? PRIVATE : DIRECT;
            if (i > 0 && random.nextInt(100) < 15) {
                int parent = Math.max(0, i - 1 - random.nextInt(Math.min(i, 20_000)));
                if (reblogOf[parent] < 0) {
                    replyTo[i] = parent;
                    root[i] = root[parent];
                }
            }
            mentionsFor(i);
            if (random.nextInt(100) < 15) {
                tags.put(i, random.nextBoolean() ? new String[] {"tag" + random.nextInt(300)}
                        : new String[] {"tag" + random.nextInt(150), "tag" + (150 + random.nextInt(150))});
            }
        }
    }

    /** A boost of a recent public or unlisted post that this author has not boosted yet. */
    private boolean boost(int i, Set<Long> boosted) {
        for (int tries = 0; tries < 5; tries++) {
            int original = i - 1 - random.nextInt(Math.min(i, 50_000));
            if (reblogOf[original] >= 0 || visibility[original] > UNLISTED || author[original] == author[i]
                    || !boosted.add((long) original * spec.authors() + author[i])) {
                continue;
            }
            reblogOf[i] = original;
            int roll = random.nextInt(100);
            visibility[i] = roll < 85 ? PUBLIC : roll < 95 ? UNLISTED : PRIVATE;
            return true;
        }
        return false;
    }

    /**
     * Direct posts always mention someone (one in ten a measured viewer, so the "mentioned" rule
     * is exercised); one in ten other posts mentions people too.
     */
    private void mentionsFor(int i) {
        boolean direct = visibility[i] == DIRECT;
        if (!direct && random.nextInt(10) != 0) {
            return;
        }
        Set<Integer> who = new LinkedHashSet<>();
        int count = 1 + random.nextInt(2);
        while (who.size() < count) {
            int x = random.nextInt(10) == 0 ? (random.nextBoolean() ? typical.account() : quiet.account())
                    : random.nextInt(spec.authors());
            if (x != author[i]) {
                who.add(x);
            }
        }
        mentions.put(i, who.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int rankAt(double[] cumulative, double x) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Other people's follows (local people's and remote followers of local accounts) and random blocks. */
    private void others() {
        Set<Long> pairs = new HashSet<>();
        List<Integer> locals = new ArrayList<>();
        for (int a = 0; a < local.length; a++) {
            if (local[a] && !isViewerAccount(a)) {
                locals.add(a);
            }
        }
        int n = spec.authors();
        for (int v = 0; v < Math.min(spec.otherViewers(), locals.size()); v++) {
            int follower = locals.get(v);
            for (int k = 0; k < spec.followsPerOtherViewer(); k++) {
                addPair(otherFollows, pairs, follower, random.nextInt(n));
            }
        }
        for (int k = 0; k < spec.remoteFollows(); k++) {
            int follower = random.nextInt(n);
            if (!local[follower]) {
                addPair(otherFollows, pairs, follower, locals.get(random.nextInt(locals.size())));
            }
        }
        Set<Long> blockPairs = new HashSet<>();
        for (int k = 0; k < spec.randomBlocks(); k++) {
            int a = random.nextInt(n);
            int b = random.nextInt(n);
            if (!isViewerAccount(a) && !isViewerAccount(b)) {
                addPair(otherBlocks, blockPairs, a, b);
            }
        }
    }

    private void addPair(List<int[]> into, Set<Long> seen, int a, int b) {
        if (a != b && !isViewerAccount(a) && !isViewerAccount(b) && seen.add((long) a * spec.authors() + b)) {
            into.add(new int[] {a, b});
        }
    }

    /** Share of all statuses written by the accounts the viewer follows. */
    double followedShare(Viewer v) {
        long n = 0;
        for (int a : author) {
            if (v.followed().contains(a)) {
                n++;
            }
        }
        return (double) n / author.length;
    }
}
