package social.chorus.model;

/** How one account stands to another, as clients show it (Mastodon's Relationship entity). */
public record Relationship(long accountId, long targetAccountId, boolean following, boolean requested,
        boolean followedBy, boolean requestedBy, boolean blocking, boolean blockedBy) {
}
