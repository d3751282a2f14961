package social.chorus.federation.deref;

import java.util.List;
import social.chorus.federation.vocab.AsActor;
import social.chorus.federation.vocab.AsMultikey;
import social.chorus.federation.vocab.AsPublicKey;

/**
 * What a fetched actor must satisfy before it is stored, beyond the origin check: an id, inbox
 * and preferredUsername that fit their columns, and only keys that the actor itself owns on its
 * own origin. A key claiming another owner, or living on another server, is dropped: stored, it
 * would let this actor's row answer lookups for someone else's keyId.
 *
 * <p>Optional URLs that are not http(s) or do not fit (512 characters) are dropped, and so is a
 * {@code featured} collection on another host (its pins would be another server's word); the name
 * loses control characters and is cut to 255. HTML sanitising of the summary is left to
 * {@link social.chorus.federation.convert.AsToAccount}.
 */
public final class ActorChecks {
    private static final int URL_MAX = 512;
    private static final int NAME_MAX = 255;
    private static final int MULTIBASE_MAX = 128;

    private ActorChecks() {
    }

    /** @throws ResolveException {@code NOT_AN_ACTOR} when id, inbox or preferredUsername are unusable */
    public static AsActor forStorage(AsActor actor) {
        String id = actor.id();
        if (id == null || id.length() > URL_MAX || url(id) == null) {
            throw notAnActor("its id is not an http(s) URL of at most " + URL_MAX + " characters");
        }
        OutboundUrl origin = OutboundUrl.parse(id);
        String username = clean(actor.preferredUsername());
        if (username.isEmpty() || username.length() > NAME_MAX || username.contains("@")) {
            throw notAnActor("its preferredUsername is not a usable username");
        }
        String inbox = url(actor.inbox());
        if (inbox == null) {
            throw notAnActor("its inbox is not an http(s) URL");
        }
        AsPublicKey key = actor.publicKey();
        if (key != null && (key.id() == null || key.publicKeyPem() == null || key.id().length() > URL_MAX
                || key.owner() != null && !key.owner().equals(id)
                || !RemoteActorResolver.sameOrigin(key.id(), origin))) {
            key = null;
        }
        List<AsMultikey> multikeys = actor.assertionMethods().stream()
                .filter(k -> k.id() != null && k.id().length() <= URL_MAX && k.publicKeyMultibase() != null
                        && k.publicKeyMultibase().length() <= MULTIBASE_MAX
                        && (k.controller() == null || k.controller().equals(id))
                        && RemoteActorResolver.sameOrigin(k.id(), origin))
                .toList();
        String name = clean(actor.name());
        if (name.length() > NAME_MAX) {
            name = name.substring(0, Character.isHighSurrogate(name.charAt(NAME_MAX - 1)) ? NAME_MAX - 1 : NAME_MAX);
        }
        return new AsActor(id, actor.type(), username, name, actor.summary(), url(actor.url()), inbox,
                url(actor.outbox()), url(actor.followers()), url(actor.following()), url(actor.sharedInbox()), key,
                multikeys, actor.manuallyApprovesFollowers(), actor.discoverable(), actor.indexable(),
                actor.published(), url(actor.iconUrl()), actor.tags(), featured(actor.featured(), origin));
    }

    private static String featured(String value, OutboundUrl origin) {
        String url = url(value);
        return url != null && RemoteActorResolver.sameOrigin(url, origin) ? url : null;
    }

    private static String url(String value) {
        if (value == null || value.length() > URL_MAX) {
            return null;
        }
        try {
            OutboundUrl.parse(value);
            return value;
        } catch (FetchException e) {
            return null;
        }
    }

    private static String clean(String text) {
        if (text == null) {
            return "";
        }
        return text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
    }

    private static ResolveException notAnActor(String why) {
        return new ResolveException(ResolveException.Reason.NOT_AN_ACTOR, "unusable actor: " + why);
    }
}
