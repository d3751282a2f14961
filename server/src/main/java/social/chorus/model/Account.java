package social.chorus.model;

import java.time.Instant;

/**
 * An actor, local or remote. A local account has an empty domain. Private keys and sign-in data
 * are deliberately not here (see {@link LocalKeys} and {@link LocalUser}), so that code that
 * shows or serialises accounts cannot leak them.
 */
public record Account(
        long id,
        String username,
        String domain,
        ActorType type,
        String uri,
        String url,
        String displayName,
        String note,
        ActorEndpoints endpoints,
        PublicKey publicKey,
        PublicKey ed25519Key,
        AccountFlags flags,
        AccountCounts counts,
        Instant createdAt,
        Instant updatedAt,
        Instant fetchedAt) {

    /** Where an actor receives and publishes; all absolute URLs, any may be absent for remote actors. */
    public record ActorEndpoints(String inbox, String outbox, String sharedInbox, String followers,
            String following) {
    }

    /** A public key as published: its id (keyId in signatures) and its encoding (PEM or multibase). */
    public record PublicKey(String id, String encoded) {
    }

    public record AccountFlags(boolean locked, boolean discoverable, boolean indexable) {
    }

    public record AccountCounts(int followers, int following, int statuses) {
    }

    public boolean local() {
        return domain.isEmpty();
    }

    /** {@code user} for local accounts and {@code user@host} for remote ones, as Mastodon's {@code acct}. */
    public String acct() {
        return local() ? username : username + "@" + domain;
    }
}
