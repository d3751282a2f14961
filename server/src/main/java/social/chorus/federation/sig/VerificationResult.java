package social.chorus.federation.sig;

import java.util.Optional;

/** Step two of verification: the outcome of checking a parsed signature against a key. */
public sealed interface VerificationResult permits VerificationResult.Verified, SignatureFailure {

    /** The request is authentic for {@code signature.keyId()}; who owns that key is the caller's question. */
    record Verified(ParsedSignature signature) implements VerificationResult {}

    default boolean isVerified() {
        return this instanceof Verified;
    }

    default Optional<SignatureFailure> failure() {
        return this instanceof SignatureFailure f ? Optional.of(f) : Optional.empty();
    }
}
