package social.chorus.federation.vocab;

import java.time.Instant;
import java.util.List;

/**
 * An actor: Person, Service, Application, Group, Organization (or an unknown type that has an
 * inbox).
 *
 * @param sharedInbox {@code endpoints.sharedInbox}
 * @param publicKey the RSA key for HTTP signatures; the one owned by this actor when several
 * @param assertionMethods FEP-521a Multikeys (Ed25519 for object integrity proofs)
 * @param tags custom emoji used in the name or summary
 * @param featured its pinned posts' collection ({@code toot:featured}, Mastodon's), an IRI
 */
public record AsActor(
        String id,
        String type,
        String preferredUsername,
        String name,
        String summary,
        String url,
        String inbox,
        String outbox,
        String followers,
        String following,
        String sharedInbox,
        AsPublicKey publicKey,
        List<AsMultikey> assertionMethods,
        Boolean manuallyApprovesFollowers,
        Boolean discoverable,
        Boolean indexable,
        Instant published,
        String iconUrl,
        List<AsTag> tags,
        String featured) implements AsDocument {

    public AsActor {
        assertionMethods = List.copyOf(assertionMethods);
        tags = List.copyOf(tags);
    }

    @Override
    public Kind kind() {
        return Kind.ACTOR;
    }
}
