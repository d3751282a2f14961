package social.chorus.process.auth;

import java.time.Instant;

/** A freshly issued access token (and refresh token, if any): the only time the values exist in clear. */
public record IssuedToken(String accessToken, String refreshToken, Scopes scopes, Instant createdAt) {
    @Override
    public String toString() {
        return "IssuedToken[scopes=" + scopes + ", createdAt=" + createdAt + ", (values hidden)]";
    }
}
