package social.chorus.federation.vocab;

/** The {@code publicKey} of an actor, used to verify its HTTP signatures. */
public record AsPublicKey(String id, String owner, String publicKeyPem) {
}
