package social.chorus.process.auth;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.TextNode;

/**
 * A profile note as a person types it (plain text) and as it is stored and published (escaped
 * HTML: paragraphs for blank lines, breaks for newlines). The HTML form is what sign-up stores
 * (process/account's PlainText makes the same HTML; it is package-private there, hence this twin).
 */
final class NoteText {
    private NoteText() {
    }

    static String toHtml(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.strip().split("\\R\\s*\\R")) {
            html.append("<p>").append(Entities.escape(paragraph.strip()).replaceAll("\\R", "<br>")).append("</p>");
        }
        return html.toString();
    }

    /** The plain text back from stored HTML, for the source of the account's own profile. */
    static String toPlain(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document doc = Jsoup.parseBodyFragment(html);
        for (Element br : doc.select("br")) {
            br.replaceWith(new TextNode("\n"));
        }
        List<String> paragraphs = new ArrayList<>();
        for (Element p : doc.select("p")) {
            paragraphs.add(p.wholeText().strip());
        }
        return paragraphs.isEmpty() ? doc.body().wholeText().strip() : String.join("\n\n", paragraphs);
    }
}
