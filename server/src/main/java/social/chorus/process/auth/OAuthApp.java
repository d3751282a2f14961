package social.chorus.process.auth;

import java.time.Instant;
import java.util.List;

/** A registered client application, without its secret (only the secret's hash is kept anywhere). */
public record OAuthApp(long id, String name, String website, List<String> redirectUris, Scopes scopes,
        String clientId, Instant createdAt) {

    /** Mastodon's out-of-band redirect: the code is shown to the person instead of sent anywhere. */
    public static final String OOB = "urn:ietf:wg:oauth:2.0:oob";

    public OAuthApp {
        redirectUris = List.copyOf(redirectUris);
    }
}
