package social.chorus.process.text;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Makes HTML from other servers safe to store and show: an allow-list of text formatting and
 * links (http and https only), every link marked nofollow/noopener and opened in a new tab, and
 * only the class names Mastodon-compatible clients understand (mentions, hashtags, h-card,
 * invisible/ellipsis for shortened URLs). Everything else, scripts and styles first, is dropped.
 */
public final class HtmlSanitizer {
    private static final java.util.Set<String> CLASSES =
            java.util.Set.of("h-card", "u-url", "mention", "hashtag", "invisible", "ellipsis", "quote-inline");

    private final Safelist safelist = new Safelist()
            .addTags("p", "br", "span", "a", "strong", "b", "em", "i", "u", "s", "del", "code", "pre", "blockquote",
                    "ul", "ol", "li")
            .addAttributes("a", "href", "class", "rel", "target")
            .addAttributes("span", "class")
            .addProtocols("a", "href", "http", "https")
            .addEnforcedAttribute("a", "target", "_blank");

    public String sanitize(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document dirty = Jsoup.parseBodyFragment(html);
        Document clean = new Cleaner(safelist).clean(dirty);
        clean.select("[class]").forEach(el -> {
            String kept = java.util.Arrays.stream(el.className().split("\\s+")).filter(CLASSES::contains)
                    .reduce((a, b) -> a + " " + b).orElse("");
            if (kept.isEmpty()) {
                el.removeAttr("class");
            } else {
                el.attr("class", kept);
            }
        });
        // As Mastodon does: rel="tag" (a hashtag link) survives, nofollow noopener noreferrer always.
        clean.select("a").forEach(a -> a.attr("rel",
                (java.util.Arrays.asList(a.attr("rel").toLowerCase(java.util.Locale.ROOT).split("\\s+"))
                        .contains("tag") ? "tag " : "") + "nofollow noopener noreferrer"));
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }
}
