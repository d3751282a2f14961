package social.chorus.federation.sig;

import java.util.Optional;

/** Step one of verification: what the signature claims, before any key is known. */
public sealed interface ParseResult permits ParseResult.Parsed, SignatureFailure {

    record Parsed(ParsedSignature signature) implements ParseResult {}

    default Optional<ParsedSignature> parsed() {
        return this instanceof Parsed p ? Optional.of(p.signature()) : Optional.empty();
    }

    default Optional<SignatureFailure> failure() {
        return this instanceof SignatureFailure f ? Optional.of(f) : Optional.empty();
    }
}
