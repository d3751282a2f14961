package social.chorus.model;

/**
 * A local account's boost going to other servers: its Announce, or the Undo of it. {@code boost}
 * is the boost's own status row (its uri is the Announce's id, its visibility the boost's);
 * {@code original} the boosted status with its author. Domain terms only; federation/ writes it.
 */
public sealed interface BoostActivity {
    String id();

    Account actor();

    Status boost();

    StatusView original();

    record Announce(Account actor, Status boost, StatusView original) implements BoostActivity {
        @Override
        public String id() {
            return boost.uri();
        }
    }

    record UndoAnnounce(Account actor, Status boost, StatusView original) implements BoostActivity {
        @Override
        public String id() {
            return boost.uri() + "#undo";
        }
    }
}
