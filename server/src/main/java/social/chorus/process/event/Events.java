package social.chorus.process.event;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.storage.Db;

/**
 * Runs a transaction that may announce events, and hands those events to the listeners after
 * it commits. The returned future completes once the listeners are done, so a client that
 * reads its notifications right after an action sees them; a listener's failure is logged and
 * does not fail the action, which has already committed.
 *
 * <p>Events are not stored: a crash between commit and dispatch loses the notifications of that
 * moment (never the change itself, nor its deliveries, which commit with it).
 */
public final class Events {
    private static final Logger log = LoggerFactory.getLogger(Events.class);

    /** Work in one transaction that may emit events. */
    @FunctionalInterface
    public interface Work<T> {
        T run(DSLContext tx, Emitter events) throws Exception;
    }

    private final Db db;
    private final List<EventListener> listeners;

    public Events(Db db, List<EventListener> listeners) {
        this.db = db;
        this.listeners = List.copyOf(listeners);
    }

    /** An instance whose events go nowhere (tests and tools that do not care). */
    public static Events none(Db db) {
        return new Events(db, List.of());
    }

    public <T> Future<T> tx(Work<T> work) {
        AtomicReference<List<DomainEvent>> committed = new AtomicReference<>(List.of());
        return db.tx(dsl -> {
            // A fresh list per attempt: a deadlock retry runs the work again from the start.
            List<DomainEvent> pending = new ArrayList<>();
            T result = work.run(dsl, pending::add);
            committed.set(pending);
            return result;
        }).compose(result -> publish(committed.get()).map(result));
    }

    /** Hands already committed events to every listener, one after another, in order. */
    public Future<Void> publish(List<DomainEvent> events) {
        Future<Void> chain = Future.succeededFuture();
        for (DomainEvent event : events) {
            for (EventListener listener : listeners) {
                chain = chain.compose(v -> safely(listener, event));
            }
        }
        return chain;
    }

    private static Future<Void> safely(EventListener listener, DomainEvent event) {
        Future<Void> f;
        try {
            f = listener.on(event);
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        return f.recover(e -> {
            log.warn("listener {} failed on {}: {}", listener.getClass().getSimpleName(),
                    event.getClass().getSimpleName(), e.toString());
            return Future.succeededFuture();
        });
    }
}
