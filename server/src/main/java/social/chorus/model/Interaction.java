package social.chorus.model;

/**
 * A new like or boost, as a transaction that made it reports it: {@code accountId} (local or
 * remote) liked or boosted {@code statusId}, written by {@code statusAuthorId}. What happens
 * after commit (a notification when the author is local) starts from this.
 */
public record Interaction(Kind kind, long accountId, long statusId, long statusAuthorId) {
    public enum Kind { FAVOURITE, REBLOG }
}
