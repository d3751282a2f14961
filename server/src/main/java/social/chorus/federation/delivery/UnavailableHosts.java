package social.chorus.federation.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.model.Account;
import social.chorus.storage.Db;
import social.chorus.storage.RemoteHostRepository;

/**
 * The hosts deliveries are not sent to (gone, or failing on 7 days), mirrored in memory so that the
 * inbox can revive one that contacts us without a database read per request.
 *
 * <p>As Mastodon does it (its inbox resets the sender's delivery failures): a signed request from
 * a host that verified shows the host is up again, so it becomes available and gets deliveries.
 * Only a host in this set costs a write; every other request costs a set lookup.
 *
 * <p>The set is filled from the database at start and every {@code refresh} after, and kept up to
 * date by this process's worker (which reads the verdicts at every claim and writes its own). A
 * host another process marked unavailable in the last minute is not revived by a contact in that
 * minute; the next contact after the refresh does it.
 */
public final class UnavailableHosts {
    private static final Logger log = LoggerFactory.getLogger(UnavailableHosts.class);

    private final Vertx vertx;
    private final Db db;
    private final RemoteHostRepository hosts;
    private final Duration refresh;
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private long timerId = -1;

    public UnavailableHosts(Vertx vertx, Db db, RemoteHostRepository hosts, Duration refresh) {
        this.vertx = vertx;
        this.db = db;
        this.hosts = hosts;
        this.refresh = refresh;
    }

    /** Loads the set now and then every {@code refresh}. */
    public Future<Void> start() {
        timerId = vertx.setPeriodic(refresh.toMillis(), id -> reload());
        return reload();
    }

    public void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Reads the set from the database, replacing what is known. */
    public Future<Void> reload() {
        return db.read(hosts::unavailableHostNames).map(names -> {
            down.retainAll(names);
            down.addAll(names);
            return (Void) null;
        }).recover(e -> {
            log.warn("Could not read the unavailable hosts: {}", e.toString());
            return Future.succeededFuture();
        });
    }

    public boolean contains(String host) {
        return down.contains(host);
    }

    /** The worker found or made these hosts unavailable. */
    void markedDown(Collection<String> hostNames) {
        down.addAll(hostNames);
    }

    /** A delivery to the host succeeded: the worker has already cleared its record. */
    void markedUp(String host) {
        down.remove(host);
    }

    /**
     * A request signed by {@code signer} verified. Revives the signer's own host when it is
     * unavailable (and its inboxes' hosts, when they are that same host: an actor document may
     * name inboxes anywhere, and a signature only proves that the signer's host is up); the hosts
     * revived (usually none, at no cost). Never fails: trouble is logged and the next contact
     * tries again.
     */
    public Future<List<String>> contacted(Account signer) {
        List<String> revive = new ArrayList<>();
        String signerHost = DeliveryHost.of(signer.uri());
        if (down.contains(signerHost)) {
            revive.add(signerHost);
        }
        if (revive.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return db.tx(tx -> {
            revive.forEach(host -> hosts.revive(tx, host));
            return (Void) null;
        }).map(v -> {
            revive.forEach(down::remove);
            log.info("{} contacted us (signed by {}): deliveries to it resume", revive, signer.uri());
            return revive;
        }).recover(e -> {
            log.warn("Could not revive {}: {}", revive, e.toString());
            return Future.succeededFuture(List.of());
        });
    }
}
