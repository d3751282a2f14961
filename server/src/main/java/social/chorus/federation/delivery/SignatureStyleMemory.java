package social.chorus.federation.delivery;

import java.util.Optional;
import social.chorus.federation.sig.SignatureStyle;

/**
 * Which HTTP-signature style each remote origin ({@code host[:port]}) accepts, as learned from
 * the answers to deliveries. See {@link SignedPoster} for how it is learned.
 */
public interface SignatureStyleMemory {

    /** The style to use without probing, if one is known (and not expired). */
    Optional<SignatureStyle> known(String origin);

    void remember(String origin, SignatureStyle style);
}
