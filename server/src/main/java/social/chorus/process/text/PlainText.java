package social.chorus.process.text;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.TextNode;

/**
 * Text as a person types it (plain) and as it is stored and published (escaped HTML: paragraphs
 * for blank lines, breaks for newlines). Profile notes use it at sign-up and on every edit.
 */
public final class PlainText {
    private PlainText() {
    }

    public static String toHtml(String text) {
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
    public static String toPlain(String html) {
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
