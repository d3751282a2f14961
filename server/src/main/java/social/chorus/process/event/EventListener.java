package social.chorus.process.event;

import io.vertx.core.Future;

/** Reacts to committed changes. A failure is logged by the dispatcher and never undoes the change. */
@FunctionalInterface
public interface EventListener {
    Future<Void> on(DomainEvent event);
}
