package social.chorus.federation.sig;

import java.util.Objects;

/**
 * A rejected signature: a typed reason plus a message that is safe to log (request values in it
 * are shortened and stripped of control characters).
 */
public record SignatureFailure(FailureReason reason, String message) implements ParseResult, VerificationResult {
    public SignatureFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** Always present for a failure; declared here because both result interfaces offer it. */
    @Override
    public java.util.Optional<SignatureFailure> failure() {
        return java.util.Optional.of(this);
    }

    @Override
    public String toString() {
        return reason + ": " + message;
    }
}
