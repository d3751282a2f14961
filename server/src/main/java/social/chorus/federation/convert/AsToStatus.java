package social.chorus.federation.convert;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import social.chorus.federation.sig.KeyIds;
import social.chorus.federation.vocab.AsObject;
import social.chorus.federation.vocab.AsTag;
import social.chorus.federation.vocab.Vocab;
import social.chorus.http.HtmlEscape;
import social.chorus.model.Account;
import social.chorus.model.StatusContent;
import social.chorus.model.Visibility;
import social.chorus.process.text.HtmlSanitizer;

/**
 * A remote post (Note, Article, Page, Question) as the parts of a status we store: sanitised
 * content, visibility from its addressing, hashtags and the URIs it mentions. The same for a post
 * delivered in a Create and one fetched by its id, so both are stored alike.
 */
public final class AsToStatus {
    /** The object types stored as statuses. */
    public static final Set<String> POST_TYPES = Set.of("Note", "Article", "Page", "Question");
    /** The width of the uri, url, in_reply_to_uri and conversation columns. */
    public static final int URI_MAX = 512;

    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    /**
     * Why a post cannot be stored as it is, if it cannot: no id, an id or parent that does not
     * fit its column (a longer one cannot be stored, and cutting it would name another post).
     */
    public static Optional<String> unusable(AsObject note) {
        if (note.id() == null || note.id().isBlank()) {
            return Optional.of("the object has no id");
        }
        if (note.id().length() > URI_MAX) {
            return Optional.of("the object's id is longer than " + URI_MAX + " characters");
        }
        if (KeyIds.host(note.id()).isEmpty()) {
            return Optional.of("the object's id is not an http(s) URL");
        }
        if (note.inReplyTo() != null && note.inReplyTo().length() > URI_MAX) {
            return Optional.of("inReplyTo is longer than " + URI_MAX + " characters");
        }
        return Optional.empty();
    }

    /**
     * The page people open: the object's url when it is a usable http(s) URL on the object's own
     * host, else its id. A url on another host is not believed: search finds posts by url, and a
     * post must not pass itself off as another server's.
     */
    public static String url(AsObject note) {
        String url = note.url();
        return url != null && url.length() <= URI_MAX && KeyIds.host(url).isPresent()
                && KeyIds.sameHost(url, note.id()) ? url : note.id();
    }

    /** The thread's context, when the object names one that fits. */
    public static Optional<String> context(AsObject note) {
        return Optional.ofNullable(note.context()).filter(c -> !c.isBlank() && c.length() <= URI_MAX);
    }

    public StatusContent content(AsObject note) {
        String html = sanitizer.sanitize(note.content());
        if (!"Note".equals(note.type()) && note.name() != null && !note.name().isBlank()) {
            // Articles, pages and questions have a title; keep it above the body, as Mastodon shows them.
            html = "<p><strong>" + HtmlEscape.escape(note.name()) + "</strong></p>" + html;
        }
        String summary = note.summary() == null ? "" : Jsoup.parse(note.summary()).text();
        // As Mastodon: a content warning hides the media too. A file marked sensitive (Misskey marks
        // files) hides the post's media as well, since clients hide a post's media all together.
        boolean sensitive = Boolean.TRUE.equals(note.sensitive()) || !summary.isEmpty()
                || AsToMedia.anySensitive(note);
        return new StatusContent(null, html, summary, sensitive, null);
    }

    /** Public in to → public; in cc → unlisted; the author's followers → private; otherwise direct. */
    public static Visibility visibility(AsObject note, Account author) {
        if (note.to().contains(Vocab.PUBLIC)) {
            return Visibility.PUBLIC;
        }
        if (note.cc().contains(Vocab.PUBLIC)) {
            return Visibility.UNLISTED;
        }
        String followers = author.endpoints() == null ? null : author.endpoints().followers();
        if (followers != null && (note.to().contains(followers) || note.cc().contains(followers))) {
            return Visibility.PRIVATE;
        }
        return Visibility.DIRECT;
    }

    /** Actors named by Mention tags (by href) or addressed directly in to/cc; the caller keeps local ones. */
    public static Set<String> mentionedUris(AsObject note) {
        Set<String> uris = new LinkedHashSet<>();
        for (AsTag t : note.tags()) {
            if ("Mention".equals(t.type()) && t.href() != null) {
                uris.add(t.href());
            }
        }
        uris.addAll(note.to());
        uris.addAll(note.cc());
        return uris;
    }

    /** Hashtag names, lower case, without '#', at most 100 characters (the column). */
    public static List<String> hashtags(AsObject note) {
        Set<String> out = new LinkedHashSet<>();
        for (AsTag t : note.tags()) {
            if ("Hashtag".equals(t.type()) && t.name() != null) {
                String name = t.name().startsWith("#") ? t.name().substring(1) : t.name();
                if (!name.isBlank() && name.length() <= 100) {
                    out.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(out);
    }
}
