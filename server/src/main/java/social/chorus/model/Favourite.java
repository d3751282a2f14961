package social.chorus.model;

import java.time.Instant;

/**
 * A like of a status by an account, local or remote. {@code uri} is the Like activity's id (ours
 * for a local account's like, the remote server's otherwise), which an Undo names.
 */
public record Favourite(long id, long accountId, long statusId, String uri, Instant createdAt) {
}
