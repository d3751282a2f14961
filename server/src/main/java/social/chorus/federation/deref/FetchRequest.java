package social.chorus.federation.deref;

import java.util.Objects;
import java.util.Optional;
import social.chorus.federation.sig.SigningKey;

/**
 * A GET to make: where, what to accept, and whose key signs it (the instance actor's, for
 * servers in authorized-fetch mode), if anyone's.
 */
public record FetchRequest(OutboundUrl url, MediaExpectation expect, Optional<SigningKey> signWith) {

    public FetchRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expect, "expect");
        Objects.requireNonNull(signWith, "signWith");
    }

    /** An unsigned fetch of an ActivityStreams document. */
    public static FetchRequest activity(String url) {
        return new FetchRequest(OutboundUrl.parse(url), MediaExpectation.ACTIVITY, Optional.empty());
    }

    public FetchRequest signedBy(SigningKey key) {
        return new FetchRequest(url, expect, Optional.of(key));
    }

    public FetchRequest expecting(MediaExpectation newExpect) {
        return new FetchRequest(url, newExpect, signWith);
    }
}
