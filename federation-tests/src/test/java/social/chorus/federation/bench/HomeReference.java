package social.chorus.federation.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import social.chorus.federation.bench.HomeDataset.Viewer;
import social.chorus.storage.StatusRepository.PageQuery;

/**
 * The home timeline's rules applied to the in-memory dataset, status by status: what a page must
 * hold. The benchmark compares every page shape it measures with this before timing it, so a
 * faster query that changed the answer would fail the run.
 */
final class HomeReference {
    private final HomeDataset d;

    HomeReference(HomeDataset d) {
        this.d = d;
    }

    /** Status ids of the page, newest first, as the API returns them. */
    List<Long> page(Viewer v, PageQuery p) {
        List<Long> out = new ArrayList<>();
        if (p.minId() != null) {
            for (int i = 0; i < d.id.length && out.size() < p.limit(); i++) {
                if (d.id[i] > p.minId() && inBounds(i, p) && shows(v, i)) {
                    out.add(d.id[i]);
                }
            }
            Collections.reverse(out);
            return out;
        }
        for (int i = d.id.length - 1; i >= 0 && out.size() < p.limit(); i--) {
            if (inBounds(i, p) && shows(v, i)) {
                out.add(d.id[i]);
            }
        }
        return out;
    }

    private boolean inBounds(int i, PageQuery p) {
        return (p.maxId() == null || d.id[i] < p.maxId()) && (p.sinceId() == null || d.id[i] > p.sinceId());
    }

    boolean shows(Viewer v, int i) {
        int a = d.author[i];
        if (a != v.account() && !v.followed().contains(a)) {
            return false;
        }
        if (d.visibility[i] == HomeDataset.DIRECT && a != v.account() && !mentions(i, v.account())) {
            return false;
        }
        if (blocked(v, a)) {
            return false;
        }
        int o = d.reblogOf[i];
        return o < 0 || (d.visibility[o] <= HomeDataset.UNLISTED && !blocked(v, d.author[o]));
    }

    private boolean mentions(int i, int account) {
        int[] m = d.mentions.get(i);
        if (m != null) {
            for (int x : m) {
                if (x == account) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean blocked(Viewer v, int a) {
        return v.blocks().contains(a) || v.blockedBy().contains(a);
    }
}
