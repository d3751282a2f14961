package social.chorus.model;

/** A local actor's private keys (PKCS#8 PEM for RSA, multibase for Ed25519). Never logged or serialised. */
public record LocalKeys(long accountId, String rsaPrivatePem, String ed25519Private) {
    @Override
    public String toString() {
        return "LocalKeys[accountId=" + accountId + ", (private keys hidden)]";
    }
}
