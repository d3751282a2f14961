package social.chorus.federation.vocab;

/** An entry of {@code attachment}: an Image, Document, Link or a profile PropertyValue. */
public record AsAttachment(String type, String url, String mediaType, String name) {
}
