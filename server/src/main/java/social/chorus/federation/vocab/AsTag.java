package social.chorus.federation.vocab;

/**
 * An entry of {@code tag}: a Mention, a Hashtag or a custom Emoji.
 *
 * @param id the tag's own IRI (custom emoji have one), usually null
 * @param iconUrl an Emoji's image
 */
public record AsTag(String type, String name, String href, String id, String iconUrl) {
}
