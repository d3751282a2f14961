package social.chorus.federation.convert;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import social.chorus.federation.deref.AddressClassifier;
import social.chorus.federation.sig.KeyIds;
import social.chorus.federation.vocab.AsAttachment;
import social.chorus.federation.vocab.AsObject;
import social.chorus.model.MediaAttachment;
import social.chorus.model.MediaAttachment.Kind;

/**
 * A remote post's {@code attachment} entries as the media we show: each checked part by part, so
 * that a bad value (an absurd size, an overlong alt text, a broken blurhash) is left out rather
 * than the picture, and an entry without a usable file (a {@code javascript:} or {@code data:}
 * URL, a web page, a profile field) is left out rather than the post.
 */
public final class AsToMedia {
    /** A label a browser reads as (part of) an IPv4 address: decimal, octal or 0x hexadecimal. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(?i)[0-9]+|0x[0-9a-f]*");
    /**
     * Attachments kept per post, the rest ignored. Mastodon keeps 4 of a remote post
     * ({@code Status::MEDIA_ATTACHMENTS_LIMIT}); Misskey lets a note carry 16 files and Pleroma
     * more, and clients of Pleroma's Mastodon API show more than 4, so 16 are kept.
     */
    public static final int MAX_ATTACHMENTS = 16;
    /** Alt text kept, in characters (Mastodon's limit for a description). */
    public static final int MAX_DESCRIPTION = 1500;
    /** Largest width or height believed, in pixels (JPEG's own limit; more is no picture). */
    public static final int MAX_DIMENSION = 65_535;
    /** The width of the media_type column. */
    static final int MAX_MEDIA_TYPE = 100;

    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\\s*;[ -~]*)?");
    private static final Pattern IMAGE_FILE = Pattern.compile(".*\\.(jpe?g|png|gif|webp|avif|heic|bmp)");
    private static final Pattern VIDEO_FILE = Pattern.compile(".*\\.(mp4|m4v|webm|mov|ogv)");
    private static final Pattern AUDIO_FILE = Pattern.compile(".*\\.(mp3|m4a|ogg|oga|opus|wav|flac|aac)");

    private AsToMedia() {
    }

    /** The media to store for {@code note}, in its order, at most {@link #MAX_ATTACHMENTS}. */
    public static List<MediaAttachment> attachments(AsObject note) {
        List<MediaAttachment> out = new ArrayList<>();
        for (AsAttachment a : note.attachments()) {
            if (out.size() == MAX_ATTACHMENTS) {
                break;
            }
            media(a, note.image()).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** Whether an entry that is a file asks to be hidden (Misskey marks files, not only notes). */
    public static boolean anySensitive(AsObject note) {
        return note.attachments().stream().anyMatch(a -> Boolean.TRUE.equals(a.sensitive()) && usableUrl(a.url()));
    }

    static Optional<MediaAttachment> media(AsAttachment a, String objectImage) {
        if (!usableUrl(a.url()) || "PropertyValue".equals(a.type())) {
            return Optional.empty();
        }
        String mediaType = mediaType(a.mediaType());
        Kind kind = kind(a, mediaType, objectImage);
        if (kind == null) {
            return Optional.empty();
        }
        boolean sized = dimension(a.width()) && dimension(a.height());
        return Optional.of(new MediaAttachment(0, kind, a.url(), usableUrl(a.icon()) ? a.icon() : null, mediaType,
                description(a), Blurhash.isValid(a.blurhash()) ? a.blurhash() : null,
                sized ? a.width().intValue() : null, sized ? a.height().intValue() : null, focus(a.focalPoint())));
    }

    /**
     * By media type, else by ActivityStreams type, else by the file name's extension. An entry
     * that is none of these is shown as {@code unknown} (a link to the file, as Mastodon shows a
     * file it cannot play), except a web page or a Link that names no file: the link of a post
     * that links somewhere (Lemmy's), not media. A Link to the object's own {@code image} is
     * that picture.
     *
     * <p>{@code gifv} is never given: Mastodon makes one by converting a GIF it downloaded, and
     * nothing is downloaded here (a GIF is an {@code image}, which clients animate).
     */
    private static Kind kind(AsAttachment a, String mediaType, String objectImage) {
        if (mediaType != null) {
            String essence = mediaType.toLowerCase(Locale.ROOT);
            if (essence.startsWith("image/")) {
                return Kind.IMAGE;
            }
            if (essence.startsWith("video/")) {
                return Kind.VIDEO;
            }
            if (essence.startsWith("audio/")) {
                return Kind.AUDIO;
            }
            if (essence.startsWith("text/html") || essence.startsWith("application/xhtml")) {
                return null;
            }
        }
        if ("Image".equals(a.type())) {
            return Kind.IMAGE;
        }
        if ("Video".equals(a.type())) {
            return Kind.VIDEO;
        }
        if ("Audio".equals(a.type())) {
            return Kind.AUDIO;
        }
        Kind byName = byExtension(a.url());
        if (byName != null) {
            return byName;
        }
        if (a.url().equals(objectImage)) {
            return Kind.IMAGE;
        }
        // A bare IRI or a Link without a media type names a page or an object, not a file.
        return (a.type() == null || "Link".equals(a.type())) && mediaType == null ? null : Kind.UNKNOWN;
    }

    private static Kind byExtension(String url) {
        String path = URI.create(url.strip()).getRawPath();
        if (path == null) {
            return null;
        }
        String name = path.toLowerCase(Locale.ROOT);
        if (IMAGE_FILE.matcher(name).matches()) {
            return Kind.IMAGE;
        }
        if (VIDEO_FILE.matcher(name).matches()) {
            return Kind.VIDEO;
        }
        return AUDIO_FILE.matcher(name).matches() ? Kind.AUDIO : null;
    }

    /**
     * http(s) with a public host, as written (no surrounding space), fitting the column; nothing
     * else. Readers' apps load these files themselves, so a post must not point them into their
     * own networks (a router's admin page, a printer, cloud metadata): localhost, single-label
     * names and loopback, private, link-local and other non-public addresses are refused. A host
     * whose last label is a number is an IPv4 address to a browser ({@code 0x7f.1}, {@code 127.1},
     * {@code 2130706433} all mean loopback), so only a plain public dotted quad passes as one.
     */
    static boolean usableUrl(String url) {
        return url != null && url.length() <= AsToStatus.URI_MAX && url.equals(url.strip())
                && KeyIds.host(url).filter(AsToMedia::publicHost).isPresent();
    }

    private static boolean publicHost(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.isEmpty() || h.endsWith(".") || h.equals("localhost") || h.endsWith(".localhost")) {
            return false;
        }
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(h);
        if (literal != null) {
            try {
                return AddressClassifier.classify(InetAddress.getByAddress(literal)).isPublic();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        String last = h.substring(h.lastIndexOf('.') + 1);
        return h.indexOf('.') > 0 && !NUMERIC_LABEL.matcher(last).matches();
    }

    private static String mediaType(String mediaType) {
        return mediaType != null && mediaType.length() <= MAX_MEDIA_TYPE && MEDIA_TYPE.matcher(mediaType).matches()
                ? mediaType : null;
    }

    private static boolean dimension(Long value) {
        return value != null && value >= 1 && value <= MAX_DIMENSION;
    }

    /** Alt text as Mastodon reads it (summary, else name), plain text, trimmed and cut to length. */
    private static String description(AsAttachment a) {
        String text = a.summary() != null && !a.summary().isBlank() ? a.summary() : a.name();
        if (text == null) {
            return null;
        }
        // Control characters other than line breaks and tabs only break what displays them.
        String clean = text.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "").strip();
        if (clean.isEmpty()) {
            return null;
        }
        if (clean.codePointCount(0, clean.length()) > MAX_DESCRIPTION) {
            clean = clean.substring(0, clean.offsetByCodePoints(0, MAX_DESCRIPTION)).strip();
        }
        return clean;
    }

    private static MediaAttachment.Focus focus(List<Double> point) {
        if (point.size() != 2) {
            return null;
        }
        double x = point.get(0);
        double y = point.get(1);
        return x >= -1 && x <= 1 && y >= -1 && y <= 1 ? new MediaAttachment.Focus(x, y) : null;
    }
}
