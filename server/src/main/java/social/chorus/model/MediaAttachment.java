package social.chorus.model;

import java.util.Locale;

/**
 * A file attached to a remote post, shown from where its server keeps it (nothing is copied
 * here). Every value was checked on the way in: the URLs are http(s), the size and focal point
 * are in range or absent, the blurhash well formed or absent.
 *
 * @param id 0 until stored
 * @param remoteUrl the file
 * @param previewRemoteUrl the sender's thumbnail, or null
 * @param mediaType the file's MIME type as the sender gave it, or null
 * @param description alt text (plain text), or null
 * @param width with {@code height}, the original size in pixels; both null or both set
 * @param focus where the picture should be centred when cropped, or null
 */
public record MediaAttachment(long id, Kind type, String remoteUrl, String previewRemoteUrl, String mediaType,
        String description, String blurhash, Integer width, Integer height, Focus focus) {

    /** Mastodon's attachment types. */
    public enum Kind {
        IMAGE, GIFV, VIDEO, AUDIO, UNKNOWN;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind by its API name; UNKNOWN for anything else. */
        public static Kind fromApiName(String name) {
            for (Kind k : values()) {
                if (k.apiName().equals(name)) {
                    return k;
                }
            }
            return UNKNOWN;
        }
    }

    /** A focal point, each coordinate from -1 to 1 (x left to right, y bottom to top, as Mastodon's). */
    public record Focus(double x, double y) {
    }

    public MediaAttachment withId(long newId) {
        return new MediaAttachment(newId, type, remoteUrl, previewRemoteUrl, mediaType, description, blurhash, width,
                height, focus);
    }
}
