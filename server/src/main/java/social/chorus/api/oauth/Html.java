package social.chorus.api.oauth;

import io.vertx.ext.web.RoutingContext;
import social.chorus.http.HtmlEscape;

/**
 * The sign-in, consent and code pages: small, server-rendered, every value escaped here. No
 * script and no external resources; the headers forbid framing (clickjacking of the consent
 * button) and caching (the pages carry CSRF tokens and codes).
 */
final class Html {
    private Html() {
    }

    static String esc(String s) {
        return HtmlEscape.escape(s);
    }

    static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + esc(name) + "\" value=\"" + esc(value) + "\">";
    }

    /** A whole page around {@code bodyHtml}, which must already be escaped. */
    static String page(String title, String bodyHtml) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\">"
                + "<title>" + esc(title) + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}"
                + "label,input,button{display:block;width:100%;margin:.4rem 0;box-sizing:border-box}"
                + "input,button{padding:.5rem;font-size:1rem}.error{color:#a00}code{word-break:break-all}"
                + "</style></head><body><main>" + bodyHtml + "</main></body></html>";
    }

    static void send(RoutingContext ctx, int status, String html) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")
                .putHeader("Referrer-Policy", "same-origin")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(html);
    }

    static void error(RoutingContext ctx, int status, String title, String message) {
        send(ctx, status, page(title, "<h1>" + esc(title) + "</h1><p class=\"error\">" + esc(message) + "</p>"));
    }
}
