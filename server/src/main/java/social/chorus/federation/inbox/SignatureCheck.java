package social.chorus.federation.inbox;

import io.vertx.core.Future;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.federation.sig.FailureReason;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.federation.sig.KeyFormatException;
import social.chorus.federation.sig.Multikey;
import social.chorus.federation.sig.ParsedSignature;
import social.chorus.federation.sig.Pem;
import social.chorus.federation.sig.SignatureFailure;
import social.chorus.federation.sig.SignatureVerifier;
import social.chorus.federation.sig.VerificationResult;
import social.chorus.model.Account;

/**
 * Verifies an inbound request's HTTP signature and answers with the actor who signed it. The key
 * comes from storage first; on a failure it is fetched once more (key rotation) and checked again.
 * Used by the inbox (POSTs) and by authorized fetch (signed GETs, {@code federation/access}).
 */
public final class SignatureCheck {
    private static final Logger log = LoggerFactory.getLogger(SignatureCheck.class);

    /** The reasons a key rotation can explain; every other failure is the request's own fault. */
    private static final Set<FailureReason> KEY_MAY_HAVE_CHANGED =
            EnumSet.of(FailureReason.BAD_SIGNATURE, FailureReason.KEY_TYPE_MISMATCH);
    /** An actor fetched this recently is not fetched again for a failed signature. */
    private static final Duration REFETCH_PAUSE = Duration.ofMinutes(1);

    /** Decoded RSA keys by their PEM: far more actors than one instance hears from often. */
    private static final int MAX_DECODED_KEYS = 10_000;

    private final SignatureVerifier verifier;
    private final KeyResolver keys;
    /**
     * Stored keys already decoded, by their exact PEM text (a rotated key is new text, so a new
     * entry): decoding costs more than the verification itself. Emptied when full.
     */
    private final Map<String, PublicKey> decoded = new ConcurrentHashMap<>();
    private final String ownAuthority;
    private final Clock clock;

    /**
     * @param ownAuthority this instance's host[:port] (CHORUS_DOMAIN): a request whose signed Host
     *     names another server was meant for that server, and replaying it here is refused
     */
    public SignatureCheck(SignatureVerifier verifier, KeyResolver keys, String ownAuthority, Clock clock) {
        this.verifier = verifier;
        this.keys = keys;
        this.ownAuthority = ownAuthority;
        this.clock = clock;
    }

    /** @return the signer; fails with a 401 {@link InboxException} that names the reason */
    public Future<Account> signer(HttpRequestView request) {
        ParsedSignature parsed;
        var result = verifier.parse(request);
        if (result.failure().isPresent()) {
            return Future.failedFuture(refused(result.failure().get()));
        }
        parsed = result.parsed().orElseThrow();
        if (!request.authority().equalsIgnoreCase(ownAuthority)) {
            return Future.failedFuture(InboxException.unauthorized("the request was signed for "
                    + request.authority() + ", not for " + ownAuthority));
        }
        String keyId = parsed.keyId();
        return keys.stored(keyId).compose(stored -> {
            if (stored.isEmpty()) {
                return refetchAndCheck(parsed, request);
            }
            VerificationResult withStored = check(parsed, request, stored.get());
            if (withStored.isVerified()) {
                return Future.succeededFuture(stored.get());
            }
            SignatureFailure failure = withStored.failure().orElseThrow();
            // Only a signature that does not match the key can mean a new key. A stale date, a
            // wrong digest or an unsigned header fail with any key: fetching again would let
            // anyone make us hammer the key's server with replayed or broken requests.
            if (!KEY_MAY_HAVE_CHANGED.contains(failure.reason()) || recentlyFetched(stored.get())) {
                return Future.failedFuture(refused(failure));
            }
            return refetchAndCheck(parsed, request);
        });
    }

    private Future<Account> refetchAndCheck(ParsedSignature parsed, HttpRequestView request) {
        String keyId = parsed.keyId();
        return keys.refetch(keyId)
                .recover(e -> {
                    // The reason stays in our log: telling the sender would let anyone probe hosts through us.
                    log.info("Could not fetch the signing key {}: {}", keyId, e.getMessage());
                    return Future.failedFuture(InboxException.unauthorized(
                            "could not fetch the signing key " + keyId));
                })
                .compose(fresh -> {
                    VerificationResult again = check(parsed, request, fresh);
                    return again.failure().isPresent() ? Future.failedFuture(refused(again.failure().get()))
                            : Future.succeededFuture(fresh);
                });
    }

    private boolean recentlyFetched(Account actor) {
        return actor.fetchedAt() != null && actor.fetchedAt().isAfter(clock.instant().minus(REFETCH_PAUSE));
    }

    private VerificationResult check(ParsedSignature parsed, HttpRequestView request, Account owner) {
        Optional<PublicKey> key = publicKey(owner, parsed.keyId());
        if (key.isEmpty()) {
            return new SignatureFailure(FailureReason.BAD_SIGNATURE,
                    "actor " + owner.uri() + " publishes no key with id " + parsed.keyId());
        }
        return verifier.verify(parsed, request, key.get());
    }

    private Optional<PublicKey> publicKey(Account owner, String keyId) {
        try {
            if (owner.publicKey() != null && keyId.equals(owner.publicKey().id())) {
                return Optional.of(rsa(owner.publicKey().encoded()));
            }
            if (owner.ed25519Key() != null && keyId.equals(owner.ed25519Key().id())) {
                return Optional.of(Multikey.decode(owner.ed25519Key().encoded()));
            }
        } catch (KeyFormatException e) {
            log.debug("Unusable stored key {} of {}: {}", keyId, owner.uri(), e.getMessage());
        }
        return Optional.empty();
    }

    private PublicKey rsa(String pem) throws KeyFormatException {
        PublicKey key = decoded.get(pem);
        if (key == null) {
            key = Pem.decodePublic(pem); // throws for a bad key, which is then not kept
            if (decoded.size() >= MAX_DECODED_KEYS) {
                decoded.clear();
            }
            decoded.put(pem, key);
        }
        return key;
    }

    private static InboxException refused(SignatureFailure failure) {
        return InboxException.unauthorized("signature refused (" + failure.reason() + "): " + failure.message());
    }
}
