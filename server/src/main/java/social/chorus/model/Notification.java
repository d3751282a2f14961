package social.chorus.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Something a local account should hear about. {@code from} did it; {@code statusId} is the post
 * concerned (null for follows and follow requests).
 */
public record Notification(long id, long accountId, long fromAccountId, Type type, Long statusId, Instant createdAt) {

    /** Mastodon's notification types, by their API names (a reply is a {@code mention} there too). */
    public enum Type {
        FOLLOW("follow"), FOLLOW_REQUEST("follow_request"), MENTION("mention"), FAVOURITE("favourite"),
        REBLOG("reblog"), UPDATE("update");

        private final String apiName;

        Type(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }

        public static Optional<Type> fromApiName(String name) {
            return Arrays.stream(values()).filter(t -> t.apiName.equals(name)).findFirst();
        }
    }
}
