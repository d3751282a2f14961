package social.chorus.federation.sig;

/**
 * Why a signed request was not accepted. Callers branch on this (for example the inbox refetches
 * the key once on {@link #BAD_SIGNATURE} in case it was rotated) rather than on message text.
 */
public enum FailureReason {
    /** Neither a Signature header, an {@code Authorization: Signature} header nor Signature-Input. */
    MISSING_SIGNATURE,
    /** A signature header that does not parse, or lacks keyId/signature. */
    MALFORMED_SIGNATURE,
    /** An algorithm we do not implement (e.g. {@code rsa-pss-sha512}, {@code hmac-sha256}). */
    UNSUPPORTED_ALGORITHM,
    /** A covered component we cannot reproduce (e.g. {@code @query-param} or a {@code ;sf} flag). */
    UNSUPPORTED_COMPONENT,
    /** The request target, host, date/created or body digest is not among the covered components. */
    REQUIRED_COMPONENT_NOT_SIGNED,
    /** A covered header is absent from the request. */
    SIGNED_COMPONENT_MISSING,
    /** A body without a Digest (cavage) or Content-Digest (RFC 9421) header. */
    DIGEST_MISSING,
    /** A digest header with no SHA-256 or SHA-512 value in it. */
    DIGEST_UNSUPPORTED,
    /** The digest does not match the body. */
    DIGEST_MISMATCH,
    /** No usable Date header (cavage) or no {@code created} parameter (RFC 9421). */
    DATE_MISSING,
    /** Date or created too far in the past or in the future; the message says which. */
    DATE_OUT_OF_WINDOW,
    /** The signature's {@code expires} is in the past. */
    EXPIRED,
    /** The key does not fit the algorithm, or is neither RSA nor Ed25519. */
    KEY_TYPE_MISMATCH,
    /** Everything parsed and matched, but the cryptographic check failed. */
    BAD_SIGNATURE
}
