package social.chorus.process.auth;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.LocalUser;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;
import social.chorus.storage.OAuthRepository;
import social.chorus.storage.OAuthRepository.CodeRow;
import social.chorus.storage.OAuthRepository.NewToken;
import social.chorus.storage.OAuthRepository.TokenRow;

/**
 * The token endpoint's grants (client_credentials, authorization_code with PKCE, refresh_token),
 * revocation, and bearer-token authentication for the client API. Refusals are values, not
 * exceptions: OAuth errors have their own shape ({@code error} + {@code error_description}).
 */
public final class TokenService {
    /** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    /** Recording every use would write on every request; an hour is precise enough for "last used". */
    private static final Duration TOUCH_INTERVAL = Duration.ofHours(1);
    private static final int MAX_BEARER = 512;

    /** The token endpoint's parameters. Secrets are hidden from toString. */
    public record TokenRequest(String grantType, String clientId, String clientSecret, String code,
            String redirectUri, String codeVerifier, String scope, String refreshToken) {
        @Override
        public String toString() {
            return "TokenRequest[grantType=" + grantType + ", clientId=" + clientId + ", scope=" + scope + "]";
        }
    }

    public record RevokeRequest(String clientId, String clientSecret, String token) {
        @Override
        public String toString() {
            return "RevokeRequest[clientId=" + clientId + "]";
        }
    }

    /** Either a token or an OAuth error. */
    public sealed interface Outcome {
        record Issued(IssuedToken token) implements Outcome {
        }

        record Refused(OAuthError error) implements Outcome {
        }
    }

    private final Db db;
    private final OAuthRepository repo;
    private final AccountRepository accounts;
    private final AppService apps;
    private final SecretTokens secrets;
    private final Clock clock;

    public TokenService(Db db, OAuthRepository repo, AccountRepository accounts, AppService apps,
            SecretTokens secrets, Clock clock) {
        this.db = db;
        this.repo = repo;
        this.accounts = accounts;
        this.apps = apps;
        this.secrets = secrets;
        this.clock = clock;
    }

    public Future<Outcome> grant(TokenRequest r) {
        String type = r.grantType() == null ? "" : r.grantType();
        if (type.isEmpty()) {
            return refused(OAuthError.invalidRequest("Missing required parameter: grant_type."));
        }
        if (!type.equals("client_credentials") && !type.equals("authorization_code")
                && !type.equals("refresh_token")) {
            return refused(OAuthError.unsupportedGrantType());
        }
        return apps.authenticate(r.clientId(), r.clientSecret()).compose(app -> {
            if (app.isEmpty()) {
                return refused(OAuthError.invalidClient());
            }
            return switch (type) {
                case "client_credentials" -> clientCredentials(app.get(), r);
                case "authorization_code" -> authorizationCode(app.get(), r);
                default -> refresh(app.get(), r);
            };
        });
    }

    private Future<Outcome> clientCredentials(OAuthApp app, TokenRequest r) {
        Optional<Scopes> scopes = Scopes.parse(r.scope(), Scopes.DEFAULT).filter(app.scopes()::covers);
        if (scopes.isEmpty()) {
            return refused(OAuthError.invalidScope());
        }
        return db.tx(dsl -> issued(issue(dsl, app.id(), null, scopes.get(), false)));
    }

    private Future<Outcome> authorizationCode(OAuthApp app, TokenRequest r) {
        if (r.code() == null || r.code().isEmpty()) {
            return refused(OAuthError.invalidRequest("Missing required parameter: code."));
        }
        if (r.redirectUri() == null || r.redirectUri().isEmpty()) {
            return refused(OAuthError.invalidRequest("Missing required parameter: redirect_uri."));
        }
        String codeHash = SecretTokens.hash(r.code());
        return db.tx(dsl -> {
            Optional<CodeRow> found = repo.findCode(dsl, codeHash);
            if (found.isEmpty() || found.get().applicationId() != app.id()) {
                return refusal(OAuthError.invalidGrant());
            }
            CodeRow code = found.get();
            if (code.usedAt() != null) {
                // A replayed code may have been stolen: withdraw what it was exchanged for.
                if (code.tokenId() != null) {
                    repo.revokeToken(dsl, code.tokenId());
                }
                return refusal(OAuthError.invalidGrant());
            }
            if (!code.expiresAt().isAfter(clock.instant()) || !code.redirectUri().equals(r.redirectUri())
                    || !pkceSatisfied(code, r.codeVerifier())) {
                return refusal(OAuthError.invalidGrant());
            }
            if (!repo.markCodeUsed(dsl, code.id())) {
                return refusal(OAuthError.invalidGrant()); // a concurrent exchange won
            }
            Issue issued = issue(dsl, app.id(), code.accountId(), Scopes.stored(code.scopes()), true);
            repo.setCodeToken(dsl, code.id(), issued.row().id());
            return issued(issued);
        });
    }

    private Future<Outcome> refresh(OAuthApp app, TokenRequest r) {
        if (r.refreshToken() == null || r.refreshToken().isEmpty()) {
            return refused(OAuthError.invalidRequest("Missing required parameter: refresh_token."));
        }
        String hash = SecretTokens.hash(r.refreshToken());
        return db.tx(dsl -> {
            Optional<TokenRow> found = repo.findActiveByRefreshHash(dsl, hash);
            if (found.isEmpty() || found.get().applicationId() != app.id()) {
                return refusal(OAuthError.invalidGrant());
            }
            TokenRow old = found.get();
            Scopes granted = Scopes.stored(old.scopes());
            Optional<Scopes> scopes = Scopes.parse(r.scope(), granted).filter(granted::covers);
            if (scopes.isEmpty()) {
                return refusal(OAuthError.invalidScope());
            }
            if (!repo.revokeToken(dsl, old.id())) {
                return refusal(OAuthError.invalidGrant());
            }
            return issued(issue(dsl, app.id(), old.accountId(), scopes.get(), true));
        });
    }

    /**
     * RFC 7636 with the downgrade protection of the OAuth security BCP: a code issued with a
     * challenge needs the matching verifier, and a verifier sent for a code issued without one
     * is refused. {@code plain} is accepted only when the client asked for plain.
     */
    static boolean pkceSatisfied(CodeRow code, String verifier) {
        if (code.codeChallenge() == null) {
            return verifier == null || verifier.isEmpty();
        }
        if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
            return false;
        }
        return switch (code.codeChallengeMethod()) {
            case "S256" -> SecretTokens.sameSecret(SecretTokens.sha256Base64Url(verifier), code.codeChallenge());
            case "plain" -> SecretTokens.sameSecret(verifier, code.codeChallenge());
            default -> false;
        };
    }

    /**
     * RFC 7009: an unknown token is not an error (200); a token of another client is refused.
     * Empty means revoked (or nothing to revoke).
     */
    public Future<Optional<OAuthError>> revoke(RevokeRequest r) {
        return apps.authenticate(r.clientId(), r.clientSecret()).compose(app -> {
            if (app.isEmpty()) {
                return Future.succeededFuture(Optional.of(OAuthError.unauthorizedClient()));
            }
            if (r.token() == null || r.token().isEmpty() || r.token().length() > MAX_BEARER) {
                return Future.succeededFuture(Optional.empty());
            }
            String hash = SecretTokens.hash(r.token());
            return db.tx(dsl -> {
                Optional<TokenRow> token = repo.findTokenByAnyHash(dsl, hash);
                if (token.isEmpty()) {
                    return Optional.<OAuthError>empty();
                }
                if (token.get().applicationId() != app.get().id()) {
                    return Optional.of(OAuthError.unauthorizedClient());
                }
                repo.revokeToken(dsl, token.get().id());
                return Optional.<OAuthError>empty();
            });
        });
    }

    /** A user token for an account just registered through the API, with the app's scopes (as Mastodon). */
    public Future<IssuedToken> issueForAccount(long applicationId, long accountId) {
        return db.tx(dsl -> {
            OAuthApp app = repo.findAppById(dsl, applicationId).map(AppService::toApp)
                    .orElseThrow(() -> new IllegalStateException("the caller's app vanished"));
            return issue(dsl, app.id(), accountId, app.scopes(), false).token();
        });
    }

    /** The caller behind a bearer token; empty for an unknown, revoked or malformed token. */
    public Future<Optional<Caller>> authenticate(String bearer) {
        if (bearer == null || bearer.isEmpty() || bearer.length() > MAX_BEARER) {
            return Future.succeededFuture(Optional.empty());
        }
        String hash = SecretTokens.hash(bearer);
        return db.read(dsl -> {
            Optional<TokenRow> found = repo.findActiveToken(dsl, hash);
            if (found.isEmpty()) {
                return Optional.<Caller>empty();
            }
            TokenRow token = found.get();
            Optional<Caller> caller = caller(dsl, token);
            Instant now = clock.instant();
            if (caller.isPresent() && (token.lastUsedAt() == null
                    || token.lastUsedAt().isBefore(now.minus(TOUCH_INTERVAL)))) {
                repo.touchToken(dsl, token.id());
            }
            return caller;
        });
    }

    private Optional<Caller> caller(DSLContext dsl, TokenRow token) {
        Scopes scopes = Scopes.stored(token.scopes());
        if (token.accountId() == null) {
            return Optional.of(new Caller(token.id(), token.applicationId(), scopes, null,
                    Caller.UserState.APP_ONLY));
        }
        Optional<Account> account = accounts.findById(dsl, token.accountId());
        Optional<LocalUser> user = accounts.findLocalUser(dsl, token.accountId());
        if (account.isEmpty() || user.isEmpty()) {
            return Optional.empty();
        }
        Caller.UserState state = user.get().disabled() ? Caller.UserState.DISABLED
                : !user.get().approved() ? Caller.UserState.PENDING : Caller.UserState.ACTIVE;
        return Optional.of(new Caller(token.id(), token.applicationId(), scopes, account.get(), state));
    }

    private record Issue(IssuedToken token, TokenRow row) {
    }

    private Issue issue(DSLContext dsl, long applicationId, Long accountId, Scopes scopes, boolean withRefresh) {
        String access = secrets.newToken();
        String refresh = withRefresh ? secrets.newToken() : null;
        TokenRow row = repo.insertToken(dsl, new NewToken(applicationId, accountId, scopes.asString(),
                SecretTokens.hash(access), refresh == null ? null : SecretTokens.hash(refresh)));
        return new Issue(new IssuedToken(access, refresh, scopes, row.createdAt()), row);
    }

    private static Outcome issued(Issue issue) {
        return new Outcome.Issued(issue.token());
    }

    private static Outcome refusal(OAuthError error) {
        return new Outcome.Refused(error);
    }

    private static Future<Outcome> refused(OAuthError error) {
        return Future.succeededFuture(refusal(error));
    }
}
