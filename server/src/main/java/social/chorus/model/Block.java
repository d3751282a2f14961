package social.chorus.model;

import java.time.Instant;

/** One account blocking another. {@code uri} is the id of the Block activity. */
public record Block(long id, long accountId, long targetAccountId, String uri, Instant createdAt) {
}
