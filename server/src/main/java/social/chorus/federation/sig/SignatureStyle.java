package social.chorus.federation.sig;

/** Which HTTP-signature specification a signature follows. */
public enum SignatureStyle {
    /** draft-cavage-http-signatures-12: what Mastodon and most of the fediverse send today. */
    CAVAGE,
    /** RFC 9421 HTTP Message Signatures, with RFC 9530 Content-Digest. */
    RFC9421
}
