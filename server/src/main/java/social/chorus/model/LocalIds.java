package social.chorus.model;

/**
 * The ActivityPub ids and URLs of this instance's actors, built from the base URL. Every place that
 * names a local actor asks here, so the layout is decided once.
 */
public final class LocalIds {
    private final String baseUrl;

    public LocalIds(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String actor(String username) {
        return baseUrl + "/users/" + username;
    }

    public String profilePage(String username) {
        return baseUrl + "/@" + username;
    }

    public String inbox(String username) {
        return actor(username) + "/inbox";
    }

    public String outbox(String username) {
        return actor(username) + "/outbox";
    }

    public String followers(String username) {
        return actor(username) + "/followers";
    }

    public String following(String username) {
        return actor(username) + "/following";
    }

    /** The collection of the account's pinned posts (Mastodon's {@code featured}). */
    public String featured(String username) {
        return actor(username) + "/collections/featured";
    }

    public String sharedInbox() {
        return baseUrl + "/inbox";
    }

    public String mainKey(String username) {
        return actor(username) + "#main-key";
    }

    public String ed25519Key(String username) {
        return actor(username) + "#ed25519-key";
    }

    /** A fresh id for an activity this instance sends (Follow, Accept, Block…). */
    public String newActivity() {
        return baseUrl + "/activities/" + java.util.UUID.randomUUID();
    }

    public Account.ActorEndpoints endpoints(String username) {
        return new Account.ActorEndpoints(inbox(username), outbox(username), sharedInbox(), followers(username),
                following(username));
    }
}
