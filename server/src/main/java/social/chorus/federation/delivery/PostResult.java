package social.chorus.federation.delivery;

import java.time.Instant;
import java.util.Optional;
import social.chorus.federation.sig.SignatureStyle;

/**
 * How an inbox answered a delivery. Transport failures (refused address, timeout, connection
 * refused…) are not results: the future fails with a
 * {@link social.chorus.federation.deref.FetchException} instead.
 *
 * @param status the final answer's status (after the cavage retry, if there was one)
 * @param retryAfter when the server asked us to come back (Retry-After on 429/503), if it did
 * @param style the signature style of the final attempt
 * @param attempts 1, or 2 when an RFC 9421 attempt was refused and retried with draft-cavage
 */
public record PostResult(int status, Optional<Instant> retryAfter, SignatureStyle style, int attempts) {

    public boolean delivered() {
        return status >= 200 && status <= 299;
    }

    /** Worth trying again later: server errors, 408 and 429. */
    public boolean retryable() {
        return status >= 500 || status == 408 || status == 429;
    }

    /** The inbox does not exist (any more): 404 or 410. */
    public boolean gone() {
        return status == 404 || status == 410;
    }
}
