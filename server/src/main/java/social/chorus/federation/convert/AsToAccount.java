package social.chorus.federation.convert;

import java.net.URI;
import java.util.Optional;
import social.chorus.federation.vocab.AsActor;
import social.chorus.federation.vocab.AsMultikey;
import social.chorus.model.Account;
import social.chorus.model.ActorType;
import social.chorus.process.text.HtmlSanitizer;

/**
 * A remote actor document as the account we store. The caller has already checked where it came
 * from. Discovery and search indexing are opt-in: a missing flag means no, as Mastodon reads it.
 */
public final class AsToAccount {
    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    /**
     * @throws IllegalArgumentException when the document cannot be an actor we can talk to (no id,
     *         no inbox, no key)
     */
    public Account toAccount(AsActor actor, java.time.Instant fetchedAt) {
        if (actor.id() == null || actor.inbox() == null) {
            throw new IllegalArgumentException("actor without id or inbox");
        }
        URI id = URI.create(actor.id());
        String domain = id.getPort() == -1 ? id.getHost() : id.getHost() + ":" + id.getPort();
        String username = Optional.ofNullable(actor.preferredUsername()).filter(s -> !s.isBlank())
                .orElseGet(() -> lastSegment(id));
        Account.PublicKey rsa = actor.publicKey() == null || actor.publicKey().publicKeyPem() == null ? null
                : new Account.PublicKey(actor.publicKey().id(), actor.publicKey().publicKeyPem());
        Account.PublicKey ed = actor.assertionMethods().stream()
                .filter(m -> m.publicKeyMultibase() != null && m.publicKeyMultibase().startsWith("z6Mk"))
                .findFirst().map(AsToAccount::multikey).orElse(null);
        boolean locked = Boolean.TRUE.equals(actor.manuallyApprovesFollowers());
        return new Account(0, username, domain.toLowerCase(java.util.Locale.ROOT),
                ActorType.fromAsName(actor.type()).orElse(ActorType.PERSON), actor.id(), actor.url(),
                Optional.ofNullable(actor.name()).orElse(""), sanitizer.sanitize(actor.summary()),
                new Account.ActorEndpoints(actor.inbox(), actor.outbox(), actor.sharedInbox(), actor.followers(),
                        actor.following()),
                rsa, ed,
                new Account.AccountFlags(locked, Boolean.TRUE.equals(actor.discoverable()),
                        Boolean.TRUE.equals(actor.indexable())),
                new Account.AccountCounts(0, 0, 0), null, null, fetchedAt);
    }

    private static Account.PublicKey multikey(AsMultikey m) {
        return new Account.PublicKey(m.id(), m.publicKeyMultibase());
    }

    private static String lastSegment(URI id) {
        String path = id.getPath() == null ? "" : id.getPath();
        String[] parts = path.split("/");
        return parts.length == 0 ? id.getHost() : parts[parts.length - 1];
    }
}
