package social.chorus.api.oauth;

import static social.chorus.api.oauth.Html.esc;
import static social.chorus.api.oauth.Html.hidden;

import social.chorus.model.Account;
import social.chorus.process.auth.AuthorizationService.Check;

/** The HTML of the sign-in, consent and code pages (escaping in {@link Html}). */
final class Pages {
    private Pages() {
    }

    /** The sign-in form; {@code message} (an error) and {@code intro} may be null. */
    static String signIn(String csrf, String returnTo, String login, String intro, String message) {
        StringBuilder b = new StringBuilder("<h1>Sign in</h1>");
        if (intro != null) {
            b.append("<p>").append(esc(intro)).append("</p>");
        }
        if (message != null) {
            b.append("<p class=\"error\" role=\"alert\">").append(esc(message)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/auth/sign_in\">")
                .append(hidden(BrowserSession.CSRF_FIELD, csrf));
        if (returnTo != null) {
            b.append(hidden("return_to", returnTo));
        }
        b.append("<label for=\"login\">Username or e-mail address</label>")
                .append("<input id=\"login\" name=\"login\" autocomplete=\"username\" required value=\"")
                .append(esc(login)).append("\">")
                .append("<label for=\"password\">Password</label>")
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\""
                        + " required>")
                .append("<button type=\"submit\">Sign in</button></form>");
        return Html.page("Sign in", b.toString());
    }

    /** "40 seconds", "1 minute", "12 minutes": a wait as a person reads it, never shorter than it is. */
    static String waitText(long seconds) {
        if (seconds < 90) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + " minutes";
    }

    static String signedIn(String csrf, Account account, String returnTo) {
        StringBuilder b = new StringBuilder("<h1>Signed in</h1><p>You are signed in as <strong>@")
                .append(esc(account.username())).append("</strong>.</p>");
        if (returnTo != null) {
            b.append("<p><a href=\"").append(esc(returnTo)).append("\">Continue</a></p>");
        }
        b.append(signOutForm(csrf));
        return Html.page("Signed in", b.toString());
    }

    static String consent(String csrf, Check.Valid v, Account account) {
        StringBuilder b = new StringBuilder("<h1>Authorize ").append(esc(v.app().name())).append("?</h1>");
        if (v.app().website() != null) {
            b.append("<p>Website: ").append(esc(v.app().website())).append("</p>");
        }
        b.append("<p>This application asks to use your account <strong>@").append(esc(account.username()))
                .append("</strong> with these permissions:</p><ul>");
        for (String scope : v.scopes().asList()) {
            b.append("<li><code>").append(esc(scope)).append("</code></li>");
        }
        b.append("</ul><form method=\"post\" action=\"/oauth/authorize\">")
                .append(hidden(BrowserSession.CSRF_FIELD, csrf))
                .append(hidden("response_type", "code"))
                .append(hidden("client_id", v.app().clientId()))
                .append(hidden("redirect_uri", v.redirectUri()))
                .append(hidden("scope", v.scopes().asString()));
        if (v.state() != null) {
            b.append(hidden("state", v.state()));
        }
        if (v.codeChallenge() != null) {
            b.append(hidden("code_challenge", v.codeChallenge()))
                    .append(hidden("code_challenge_method", v.codeChallengeMethod()));
        }
        b.append("<button type=\"submit\" name=\"decision\" value=\"approve\">Authorize</button>")
                .append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></form>")
                .append(signOutForm(csrf));
        return Html.page("Authorize " + v.app().name(), b.toString());
    }

    /** For the out-of-band redirect URI: the person copies the code into the app. */
    static String code(String appName, String code) {
        return Html.page("Authorization code", "<h1>Authorization code</h1><p>Copy this code and paste it into "
                + esc(appName) + ":</p><p><code id=\"code\">" + esc(code) + "</code></p>");
    }

    private static String signOutForm(String csrf) {
        return "<form method=\"post\" action=\"/auth/sign_out\">" + hidden(BrowserSession.CSRF_FIELD, csrf)
                + "<button type=\"submit\">Sign out</button></form>";
    }
}
