package social.chorus.federation.delivery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.chorus.storage.Db;
import social.chorus.storage.DeliveryRepository;
import social.chorus.storage.RemoteHostRepository;

/**
 * Records delivered jobs as done, several per transaction. While one write is committing, the jobs
 * answered meanwhile gather and go in the next one, so a fan-out's thousand 2xx answers cost a few
 * dozen commits instead of a thousand, and a lone delivery is written at once.
 *
 * <p>Durability is unchanged: a job is marked done only after its 2xx, and the caller hears of it
 * only after the commit. A crash between the answer and the commit leaves the job claimed, so it is
 * sent again when its lease ends (at least once, as before).
 */
final class DoneMarks {
    private record Mark(long jobId, int status, String host) {
    }

    private static final int WRITE_ATTEMPTS = 3;

    private final Db db;
    private final DeliveryRepository deliveries;
    private final RemoteHostRepository hosts;
    private List<Mark> next = new ArrayList<>();
    private Promise<Void> nextWritten = Promise.promise();
    private boolean writing;

    DoneMarks(Db db, DeliveryRepository deliveries, RemoteHostRepository hosts) {
        this.db = db;
        this.deliveries = deliveries;
        this.hosts = hosts;
    }

    /** Marks the job done and its host healthy; completes once that is committed. */
    Future<Void> add(long jobId, int status, String host) {
        Future<Void> written;
        boolean start;
        synchronized (this) {
            next.add(new Mark(jobId, status, host));
            written = nextWritten.future();
            start = !writing;
            writing = true;
        }
        if (start) {
            write();
        }
        return written;
    }

    private void write() {
        List<Mark> batch;
        Promise<Void> done;
        synchronized (this) {
            if (next.isEmpty()) {
                writing = false;
                return;
            }
            batch = next;
            done = nextWritten;
            next = new ArrayList<>();
            nextWritten = Promise.promise();
        }
        commit(batch, done, 1);
    }

    /**
     * Writes one batch; a failed write (a deadlock victim more often than {@link Db#tx} retries) is
     * tried again before the callers hear of it, since jobs not marked done are sent again when
     * their lease ends: a duplicate at every receiver in the batch.
     */
    private void commit(List<Mark> batch, Promise<Void> done, int attempt) {
        Map<Integer, List<Long>> byStatus = new HashMap<>();
        Set<String> hostNames = new LinkedHashSet<>();
        for (Mark m : batch) {
            byStatus.computeIfAbsent(m.status(), s -> new ArrayList<>()).add(m.jobId());
            hostNames.add(m.host());
        }
        db.tx(tx -> {
            byStatus.forEach((status, ids) -> deliveries.markAllDone(tx, ids, status));
            hosts.recordSuccess(tx, hostNames);
            return (Void) null;
        }).onComplete(ar -> {
            if (ar.failed() && attempt < WRITE_ATTEMPTS) {
                commit(batch, done, attempt + 1);
                return;
            }
            done.handle(ar);
            write();
        });
    }
}
