package social.chorus.model;

import java.time.Instant;

/**
 * What is left of a deleted post: its ActivityPub id, its author (null once that account is gone
 * too), its visibility (null for a remote post that was deleted before it reached us) and when.
 */
public record StatusTombstone(String uri, Long accountId, Visibility visibility, Instant deletedAt) {
}
