package social.chorus.model;

/**
 * The editable part of a status, one version of it. {@code text} is what a local author typed
 * (null for remote statuses); {@code html} is what is shown and published; {@code spoilerText}
 * is the content warning (ActivityPub {@code summary}); {@code language} an ISO 639-1 code or null.
 */
public record StatusContent(String text, String html, String spoilerText, boolean sensitive, String language) {
}
