package social.chorus.model;

/**
 * A local account's pin or unpin going to other servers: the {@code Add} of the post to the
 * account's featured collection, or its {@code Remove}. {@code status} is the pinned post, always
 * the actor's own. Domain terms only; federation/ writes it.
 */
public sealed interface PinActivity {
    String id();

    Account actor();

    Status status();

    record Add(String id, Account actor, Status status) implements PinActivity {
    }

    record Remove(String id, Account actor, Status status) implements PinActivity {
    }
}
