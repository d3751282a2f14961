package social.chorus.model;

import java.time.Instant;

/** One version of an edited status: as it was from {@code createdAt} until the edit at {@code editedAt}. */
public record StatusEdit(long statusId, StatusContent content, Instant createdAt, Instant editedAt) {
}
