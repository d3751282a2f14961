package social.chorus.federation.vocab;

import java.util.List;

/**
 * An entry of {@code attachment}: an Image, Document, Video, Audio, Link or a profile
 * PropertyValue, with what clients need to show media. Nothing here is checked beyond its type
 * (a URL may have any scheme, a size any value): the converters decide what is usable.
 *
 * @param url the file: the entry's {@code url} (a plain IRI, or the best of its Links: the one
 *     whose media type is the entry's, else a media file, else a plain IRI), or a Link's own href
 * @param mediaType the entry's own, else that of the Link its url came from
 * @param summary a caption some servers send besides (or instead of) {@code name}
 * @param focalPoint Mastodon's {@code [x, y]}; empty unless it arrived as an ordered pair
 * @param width in pixels, the entry's own, else its Link's; null when absent or not a number
 * @param icon a thumbnail's URL (videos, audio)
 */
public record AsAttachment(String type, String url, String mediaType, String name, String summary,
        String blurhash, List<Double> focalPoint, Long width, Long height, String icon, Boolean sensitive) {

    public AsAttachment {
        focalPoint = List.copyOf(focalPoint);
    }

    /** An entry with only the basic fields (profile fields, plain links). */
    public AsAttachment(String type, String url, String mediaType, String name) {
        this(type, url, mediaType, name, null, null, List.of(), null, null, null, null);
    }
}
