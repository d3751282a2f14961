package social.chorus.federation.deref;

import java.util.Optional;

/**
 * A resolved handle.
 *
 * @param subject the canonical handle, from the JRD's subject (which may differ from the handle
 *     asked for when a server's WebFinger domain differs from its web domain)
 * @param actorId the {@code self} link: the ActivityPub actor to fetch
 * @param profileUrl the {@code http://webfinger.net/rel/profile-page} link, if any
 */
public record WebFingerResult(Handle subject, String actorId, Optional<String> profileUrl) {
}
