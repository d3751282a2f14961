package social.chorus.process.status;

/** An edit of a status: the new text, content warning, sensitive flag and language (null: keep). */
public record StatusChange(String text, String spoilerText, Boolean sensitive, String language) {
}
