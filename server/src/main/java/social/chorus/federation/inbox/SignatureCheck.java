package social.chorus.federation.inbox;

import io.vertx.core.Future;
import java.security.PublicKey;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final SignatureVerifier verifier;
    private final KeyResolver keys;
    private final String ownAuthority;

    /**
     * @param ownAuthority this instance's host[:port] (CHORUS_DOMAIN): a request whose signed Host
     *     names another server was meant for that server, and replaying it here is refused
     */
    public SignatureCheck(SignatureVerifier verifier, KeyResolver keys, String ownAuthority) {
        this.verifier = verifier;
        this.keys = keys;
        this.ownAuthority = ownAuthority;
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
            if (stored.isPresent() && check(parsed, request, stored.get()).isVerified()) {
                return Future.succeededFuture(stored.get());
            }
            // Unknown key, or the stored one no longer verifies: ask the key's server once.
            return keys.refetch(keyId)
                    .recover(e -> Future.failedFuture(InboxException.unauthorized(
                            "could not fetch the signing key " + keyId + ": " + e.getMessage())))
                    .compose(fresh -> {
                        VerificationResult again = check(parsed, request, fresh);
                        return again.failure().isPresent() ? Future.failedFuture(refused(again.failure().get()))
                                : Future.succeededFuture(fresh);
                    });
        });
    }

    private VerificationResult check(ParsedSignature parsed, HttpRequestView request, Account owner) {
        Optional<PublicKey> key = publicKey(owner, parsed.keyId());
        if (key.isEmpty()) {
            return new SignatureFailure(social.chorus.federation.sig.FailureReason.BAD_SIGNATURE,
                    "actor " + owner.uri() + " publishes no key with id " + parsed.keyId());
        }
        return verifier.verify(parsed, request, key.get());
    }

    private static Optional<PublicKey> publicKey(Account owner, String keyId) {
        try {
            if (owner.publicKey() != null && keyId.equals(owner.publicKey().id())) {
                return Optional.of(Pem.decodePublic(owner.publicKey().encoded()));
            }
            if (owner.ed25519Key() != null && keyId.equals(owner.ed25519Key().id())) {
                return Optional.of(Multikey.decode(owner.ed25519Key().encoded()));
            }
        } catch (KeyFormatException e) {
            log.debug("Unusable stored key {} of {}: {}", keyId, owner.uri(), e.getMessage());
        }
        return Optional.empty();
    }

    private static InboxException refused(SignatureFailure failure) {
        return InboxException.unauthorized("signature refused (" + failure.reason() + "): " + failure.message());
    }
}
