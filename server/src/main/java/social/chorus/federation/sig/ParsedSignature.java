package social.chorus.federation.sig;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request's signature claims, read without any key: enough for the caller to look the key
 * up by {@link #keyId()} and then call {@link SignatureVerifier#verify}.
 *
 * @param style which specification the signature follows
 * @param keyId the key id as sent (usually {@code https://host/users/x#main-key})
 * @param algorithm the declared algorithm ({@link SignatureAlgorithm#HS2019} / {@link
 *     SignatureAlgorithm#FROM_KEY} when the key decides)
 * @param components covered components in signed order, lower case: cavage header names and
 *     {@code (request-target)}-style pseudo-headers, or RFC 9421 component names such as
 *     {@code @method}
 * @param created the {@code created} parameter, if sent
 * @param expires the {@code expires} parameter, if sent
 * @param label RFC 9421 signature label ({@code sig1}); empty for cavage
 * @param signatureParams RFC 9421 {@code @signature-params} value as it enters the signature
 *     base; empty for cavage
 * @param signature the signature bytes
 */
public record ParsedSignature(
        SignatureStyle style,
        String keyId,
        SignatureAlgorithm algorithm,
        List<String> components,
        Optional<Instant> created,
        Optional<Instant> expires,
        String label,
        String signatureParams,
        byte[] signature) {

    public ParsedSignature {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        components = List.copyOf(components);
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(signatureParams, "signatureParams");
        signature = signature.clone();
    }

    public boolean covers(String component) {
        return components.contains(component);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParsedSignature p && style == p.style && keyId.equals(p.keyId)
                && algorithm == p.algorithm && components.equals(p.components) && created.equals(p.created)
                && expires.equals(p.expires) && label.equals(p.label)
                && signatureParams.equals(p.signatureParams) && Arrays.equals(signature, p.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(style, keyId, algorithm, components, created, expires, label, signatureParams,
                Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "ParsedSignature[" + style + " keyId=" + keyId + " alg=" + algorithm + " covers=" + components
                + " created=" + created.map(Instant::toString).orElse("-") + "]";
    }
}
