package social.chorus.federation.vocab;

/** A FEP-521a {@code assertionMethod} entry of type Multikey. */
public record AsMultikey(String id, String controller, String publicKeyMultibase) {
}
