package social.chorus.federation.rig;

import java.security.KeyPair;
import social.chorus.federation.sig.SigningKey;

/**
 * One account on a {@link FakePeer}: a person or (Lemmy) a community.
 *
 * @param name the WebFinger user part
 * @param group a Group actor (Lemmy community) rather than a Person
 * @param id the actor URL, on the peer's origin
 * @param keyId the id of its public key: {@code id#main-key} on most platforms, a separate URL on GoToSocial
 * @param inbox its personal inbox
 * @param origin {@code http://127.0.0.1:PORT}
 */
public record PeerActor(String name, boolean group, String id, String keyId, String inbox, KeyPair keys,
        String origin) {

    /** {@code 127.0.0.1:PORT}: the WebFinger domain and Host of the peer. */
    public String host() {
        return origin.substring(origin.indexOf("://") + 3);
    }

    /** {@code @name@127.0.0.1:PORT}, what a person types in a search box. */
    public String handle() {
        return "@" + name + "@" + host();
    }

    /** {@code name@127.0.0.1:PORT}, the {@code acct} the client API shows for it. */
    public String acct() {
        return name + "@" + host();
    }

    /** The path of {@link #id} on the peer. */
    public String path() {
        return id.substring(origin.length());
    }

    public SigningKey signingKey() {
        return new SigningKey(keyId, keys.getPrivate());
    }

    @Override
    public String toString() {
        return "PeerActor[" + id + "]";
    }
}
