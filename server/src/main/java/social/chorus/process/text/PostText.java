package social.chorus.process.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A post as typed (plain text with light formatting) to the HTML that is stored and published,
 * in Mastodon's shapes: paragraphs and line breaks as {@link PlainText} makes them, http(s) links
 * made clickable, mentions as h-card links, hashtags as tag links. Built as a jsoup tree and
 * written by jsoup, so that {@link HtmlSanitizer} gives the same HTML back: what we publish is
 * exactly what we would accept.
 *
 * <p>Two steps, because mentions need the database: {@link #scan} finds the mentions and tags,
 * the caller looks the mentioned accounts up, then {@link #render} writes the HTML. A mention of
 * an account not known here stays plain text.
 */
public final class PostText {
    /** Characters Mastodon counts for every link, whatever its length. */
    public static final int URL_WEIGHT = 23;
    private static final String LINK_REL = "nofollow noopener noreferrer";

    // One alternation so that a URL's own '@' or '#' is never read as a mention or hashtag.
    private static final Pattern TOKEN = Pattern.compile(
            "(?<url>https?://[^\\s<>\"]+)"
            + "|(?<![\\w/@.])@(?<user>[A-Za-z0-9_]+(?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)"
            + "(?:@(?<host>[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?))?"
            + "|(?<![\\w/#&])#(?<tag>[\\p{L}\\p{N}_]*[\\p{L}_][\\p{L}\\p{N}_]*)");
    private static final int MAX_TAG = 100;

    /** A mention as typed: {@code host} is null for {@code @user}. */
    public record MentionRef(String username, String host) {
        /** Same account whatever the case of the letters. */
        public String key() {
            return (username + "@" + (host == null ? "" : host)).toLowerCase(Locale.ROOT);
        }
    }

    /** What a text mentions and tags (tags lower case), in order, without repeats. */
    public record Scan(List<MentionRef> mentions, List<String> tags) {
    }

    /** A mentioned account as it is linked: its username and profile URL. */
    public record MentionTarget(String username, String url) {
    }

    private final String baseUrl;
    private final String localDomain;

    public PostText(String baseUrl, String localDomain) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.localDomain = localDomain.toLowerCase(Locale.ROOT);
    }

    public Scan scan(String text) {
        Set<MentionRef> mentions = new LinkedHashSet<>();
        Set<String> tags = new LinkedHashSet<>();
        Matcher m = TOKEN.matcher(text == null ? "" : text);
        while (m.find()) {
            if (m.group("user") != null) {
                mentions.add(ref(m.group("user"), m.group("host")));
            } else if (m.group("tag") != null && m.group("tag").length() <= MAX_TAG) {
                tags.add(m.group("tag").toLowerCase(Locale.ROOT));
            }
        }
        List<MentionRef> unique = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        mentions.forEach(r -> {
            if (seen.add(r.key())) {
                unique.add(r);
            }
        });
        return new Scan(unique, List.copyOf(tags));
    }

    /** Our own domain in {@code @user@ourdomain} means a local account: host null. */
    private MentionRef ref(String user, String host) {
        String h = host == null || host.toLowerCase(Locale.ROOT).equals(localDomain) ? null
                : host.toLowerCase(Locale.ROOT);
        return new MentionRef(user, h);
    }

    /** The HTML of {@code text}; {@code known} maps {@link MentionRef#key()} to the accounts found. */
    public String render(String text, Map<String, MentionTarget> known) {
        if (text == null || text.isBlank()) {
            return "";
        }
        Document doc = Document.createShell("");
        Element body = doc.body();
        for (String paragraph : text.strip().split("\\R\\s*\\R")) {
            Element p = body.appendElement("p");
            String[] lines = paragraph.strip().split("\\R", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    p.appendElement("br");
                }
                renderLine(p, lines[i], known);
            }
        }
        doc.outputSettings().prettyPrint(false);
        return body.html();
    }

    private void renderLine(Element p, String line, Map<String, MentionTarget> known) {
        Matcher m = TOKEN.matcher(line);
        int at = 0;
        while (m.find()) {
            String token = m.group();
            int end = m.end();
            if (m.group("url") != null) {
                String url = trimUrl(token);
                end = m.start() + url.length();
                p.appendText(line.substring(at, m.start()));
                p.appendElement("a").attr("href", url).attr("rel", LINK_REL).attr("target", "_blank").text(url);
            } else if (m.group("user") != null) {
                MentionTarget target = known.get(ref(m.group("user"), m.group("host")).key());
                if (target == null) {
                    continue; // unknown here: stays text
                }
                p.appendText(line.substring(at, m.start()));
                Element a = p.appendElement("span").addClass("h-card").appendElement("a").attr("href", target.url())
                        .attr("class", "u-url mention").attr("rel", LINK_REL).attr("target", "_blank");
                a.appendText("@").appendElement("span").text(target.username());
            } else if (m.group("tag").length() <= MAX_TAG) {
                String tag = m.group("tag");
                p.appendText(line.substring(at, m.start()));
                Element a = p.appendElement("a").attr("href", tagUrl(tag.toLowerCase(Locale.ROOT)))
                        .attr("class", "mention hashtag").attr("rel", "tag " + LINK_REL).attr("target", "_blank");
                a.appendText("#").appendElement("span").text(tag);
            } else {
                continue;
            }
            at = end;
        }
        p.appendText(line.substring(at));
    }

    public String tagUrl(String name) {
        return baseUrl + "/tags/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Sentence punctuation and an unbalanced closing bracket after a link are not part of it. */
    private static String trimUrl(String url) {
        String u = url;
        while (!u.isEmpty()) {
            char last = u.charAt(u.length() - 1);
            if (".,;:!?'\"".indexOf(last) >= 0
                    || last == ')' && u.chars().filter(c -> c == '(').count() < u.chars().filter(c -> c == ')').count()) {
                u = u.substring(0, u.length() - 1);
            } else {
                break;
            }
        }
        return u;
    }

    /**
     * Length as Mastodon counts it: every http(s) link as {@value #URL_WEIGHT} characters, a remote
     * mention as its {@code @user} part, everything else by code point.
     */
    public static int countedLength(String text) {
        if (text == null) {
            return 0;
        }
        Matcher m = TOKEN.matcher(text);
        int length = 0;
        int at = 0;
        while (m.find()) {
            if (m.group("url") != null) {
                String url = trimUrl(m.group());
                length += text.codePointCount(at, m.start()) + URL_WEIGHT;
                at = m.start() + url.length();
            } else if (m.group("user") != null) {
                length += text.codePointCount(at, m.start()) + 1 + m.group("user").length();
                at = m.end();
            }
        }
        return length + text.codePointCount(at, text.length());
    }
}
