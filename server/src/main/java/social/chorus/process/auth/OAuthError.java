package social.chorus.process.auth;

/**
 * An OAuth error response (RFC 6749 section 5.2): an error code, a description safe to show, and
 * the HTTP status. The descriptions are Doorkeeper's (Mastodon's OAuth library), which clients
 * may show as they are.
 */
public record OAuthError(int status, String error, String description) {

    public static OAuthError invalidClient() {
        return new OAuthError(401, "invalid_client", "Client authentication failed due to unknown client, no"
                + " client authentication included, or unsupported authentication method.");
    }

    public static OAuthError invalidGrant() {
        return new OAuthError(400, "invalid_grant", "The provided authorization grant is invalid, expired,"
                + " revoked, does not match the redirection URI used in the authorization request, or was issued"
                + " to another client.");
    }

    public static OAuthError invalidRequest(String detail) {
        return new OAuthError(400, "invalid_request", "The request is missing a required parameter, includes an"
                + " unsupported parameter value, or is otherwise malformed. " + detail);
    }

    public static OAuthError invalidScope() {
        return new OAuthError(400, "invalid_scope", "The requested scope is invalid, unknown, or malformed.");
    }

    public static OAuthError unsupportedGrantType() {
        return new OAuthError(400, "unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server.");
    }

    public static OAuthError unauthorizedClient() {
        return new OAuthError(403, "unauthorized_client", "You are not authorized to revoke this token");
    }
}
