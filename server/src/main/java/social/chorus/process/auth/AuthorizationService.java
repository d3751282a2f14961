package social.chorus.process.auth;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import social.chorus.storage.Db;
import social.chorus.storage.OAuthRepository;

/**
 * The authorization endpoint ({@code GET/POST /oauth/authorize}): checks a request and, once the
 * signed-in person approves, issues a one-time code bound to the app, the redirect URI, the
 * scopes and the PKCE challenge.
 */
public final class AuthorizationService {
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final int MAX_STATE = 1024;

    /** The query (or form) parameters of an authorization request, as given. */
    public record AuthorizeRequest(String responseType, String clientId, String redirectUri, String scope,
            String state, String codeChallenge, String codeChallengeMethod) {
    }

    /** What to do with a request: go on, show an error, or send the error back to the client. */
    public sealed interface Check {
        /** A request that may be shown to the person for consent. */
        record Valid(OAuthApp app, String redirectUri, Scopes scopes, String state, String codeChallenge,
                String codeChallengeMethod) implements Check {
        }

        /**
         * The client or its redirect URI is unknown: redirecting would send the person to an
         * address nobody vouched for (RFC 6749 section 4.1.2.1), so the error is shown instead.
         */
        record Invalid(String message) implements Check {
        }

        /** The client is known but the request is wrong: the client hears about it at its redirect URI. */
        record RedirectError(String redirectUri, OAuthError error, String state) implements Check {
        }
    }

    private final Db db;
    private final OAuthRepository repo;
    private final AppService apps;
    private final SecretTokens secrets;
    private final Clock clock;

    public AuthorizationService(Db db, OAuthRepository repo, AppService apps, SecretTokens secrets, Clock clock) {
        this.db = db;
        this.repo = repo;
        this.apps = apps;
        this.secrets = secrets;
        this.clock = clock;
    }

    public Future<Check> check(AuthorizeRequest r) {
        return apps.findByClientId(r.clientId()).map(app -> app.<Check>map(a -> check(a, r)).orElseGet(
                () -> new Check.Invalid("Client authentication failed: this application is not registered here.")));
    }

    private static Check check(OAuthApp app, AuthorizeRequest r) {
        String redirect = r.redirectUri() == null || r.redirectUri().isEmpty()
                ? (app.redirectUris().size() == 1 ? app.redirectUris().get(0) : null)
                : r.redirectUri();
        if (redirect == null || !app.redirectUris().contains(redirect)) {
            return new Check.Invalid("The redirect URI included is not valid: it is not one this application"
                    + " registered.");
        }
        String state = r.state() == null || r.state().isEmpty() ? null : r.state();
        if (state != null && state.length() > MAX_STATE) {
            return new Check.Invalid("The state parameter is too long.");
        }
        if (!"code".equals(r.responseType())) {
            return new Check.RedirectError(redirect, new OAuthError(400, "unsupported_response_type",
                    "The authorization server does not support this response type."), state);
        }
        Optional<Scopes> scopes = Scopes.parse(r.scope(), Scopes.DEFAULT).filter(app.scopes()::covers);
        if (scopes.isEmpty()) {
            return new Check.RedirectError(redirect, OAuthError.invalidScope(), state);
        }
        String challenge = r.codeChallenge() == null || r.codeChallenge().isEmpty() ? null : r.codeChallenge();
        String method = r.codeChallengeMethod() == null || r.codeChallengeMethod().isEmpty() ? null
                : r.codeChallengeMethod();
        if (challenge == null && method != null) {
            return new Check.RedirectError(redirect, OAuthError.invalidRequest("Missing code_challenge."), state);
        }
        if (challenge != null) {
            // RFC 7636 section 4.3: the method defaults to plain when the client names none.
            method = method == null ? "plain" : method;
            if (!method.equals("S256") && !method.equals("plain")) {
                return new Check.RedirectError(redirect,
                        OAuthError.invalidRequest("code_challenge_method must be S256 or plain."), state);
            }
            if (!CHALLENGE.matcher(challenge).matches()) {
                return new Check.RedirectError(redirect,
                        OAuthError.invalidRequest("code_challenge is malformed."), state);
            }
        }
        return new Check.Valid(app, redirect, scopes.get(), state, challenge, method);
    }

    /** Issues a code for the approved request; returns its one clear-text copy. */
    public Future<String> approve(Check.Valid v, long accountId) {
        String code = secrets.newToken();
        Instant now = clock.instant();
        OAuthRepository.NewCode n = new OAuthRepository.NewCode(SecretTokens.hash(code), v.app().id(), accountId,
                v.redirectUri(), v.scopes().asString(), v.codeChallenge(), v.codeChallengeMethod(),
                now.plus(CODE_LIFETIME));
        return db.tx(dsl -> {
            // Expired codes are worthless; clear old ones while we are here.
            repo.deleteCodesExpiredBefore(dsl, now.minus(Duration.ofDays(1)));
            repo.insertCode(dsl, n);
            return code;
        });
    }
}
