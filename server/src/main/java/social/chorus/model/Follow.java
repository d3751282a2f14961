package social.chorus.model;

import java.time.Instant;

/** One account following another. {@code uri} is the id of the Follow activity that created it. */
public record Follow(long id, long accountId, long targetAccountId, String uri, State state, Instant createdAt) {
    public enum State {
        PENDING, ACCEPTED
    }

    public boolean accepted() {
        return state == State.ACCEPTED;
    }
}
