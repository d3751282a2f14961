package social.chorus.process.account;

import org.jsoup.nodes.Entities;

/** A person's plain-text profile field as safe HTML: escaped, blank lines as paragraphs, newlines as breaks. */
final class PlainText {
    private PlainText() {
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
}
