package social.chorus.process.account;

import java.security.KeyPair;
import social.chorus.federation.sig.Keys;
import social.chorus.federation.sig.Multikey;
import social.chorus.federation.sig.Pem;
import social.chorus.model.Account;
import social.chorus.model.ActorType;
import social.chorus.model.LocalIds;
import social.chorus.model.LocalKeys;

/**
 * Builds a new local actor with fresh keys: RSA-2048 for HTTP signatures (what every server
 * verifies) and Ed25519 published as a FEP-521a Multikey. Key generation takes tens of
 * milliseconds: run it off the event loop.
 */
final class NewActor {
    private final Keys keys;
    private final LocalIds ids;

    NewActor(Keys keys, LocalIds ids) {
        this.keys = keys;
        this.ids = ids;
    }

    /** The account as it will be stored (id 0 until inserted) and its private keys. */
    record Built(Account account, LocalKeys keys) {
    }

    Built build(String username, ActorType type, String displayName, String noteHtml, boolean locked) {
        KeyPair rsa = keys.generateRsa();
        KeyPair ed = keys.generateEd25519();
        Account account = new Account(0, username, "", type, ids.actor(username), ids.profilePage(username),
                displayName, noteHtml, ids.endpoints(username),
                new Account.PublicKey(ids.mainKey(username), Pem.encodePublic(rsa.getPublic())),
                new Account.PublicKey(ids.ed25519Key(username), Multikey.encode(ed.getPublic())),
                new Account.AccountFlags(locked, true, true), new Account.AccountCounts(0, 0, 0), null, null, null);
        return new Built(account, new LocalKeys(0, Pem.encodePrivate(rsa.getPrivate()),
                Pem.encodePrivate(ed.getPrivate())));
    }
}
