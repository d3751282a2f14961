package social.chorus.process.status;

/**
 * A post as a local author submits it. {@code visibility} and {@code language} are the client's
 * strings (null for the defaults: public, no language); {@code idempotencyKey} may be null.
 */
public record NewStatus(String text, String spoilerText, Boolean sensitive, String visibility, String language,
        Long inReplyToId, Long applicationId, String idempotencyKey) {
}
