package social.chorus.federation.inbox;

import java.util.Optional;
import org.jooq.DSLContext;
import social.chorus.federation.vocab.AsActivity;
import social.chorus.federation.vocab.AsDocument;
import social.chorus.federation.vocab.AsRef;
import social.chorus.model.Account;
import social.chorus.model.ActorType;
import social.chorus.storage.AccountRepository;

/** Looks up the local and remote accounts that inbound activities name by id. */
final class LocalTargets {
    private final AccountRepository accounts;

    LocalTargets(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** The local account with this actor id, if it is one of ours. */
    Optional<Account> local(DSLContext tx, String uri) {
        return uri == null ? Optional.empty() : accounts.findByUri(tx, uri).filter(Account::local);
    }

    /**
     * The object of a Follow or Block as a local account that can be followed: not the instance
     * actor (nobody could answer its requests), not a sign-up awaiting approval, not disabled.
     */
    Optional<Account> localObject(DSLContext tx, AsActivity activity) {
        return local(tx, activity.objectId())
                .filter(a -> a.type() != ActorType.APPLICATION)
                .filter(a -> accounts.findLocalUser(tx, a.id()).map(u -> u.approved() && !u.disabled()).orElse(true));
    }

    /** An embedded activity's own actor and object ids, when the object is embedded (Accept{Follow}). */
    static Optional<AsActivity> embeddedActivity(AsActivity activity) {
        AsRef ref = activity.object();
        return ref == null ? Optional.empty() : ref.embedded().filter(d -> d.kind() == AsDocument.Kind.ACTIVITY)
                .map(AsActivity.class::cast);
    }

    /** The type of the object, when embedded; empty for a bare id. */
    static Optional<String> embeddedType(AsActivity activity) {
        AsRef ref = activity.object();
        return ref == null ? Optional.empty() : ref.embedded().map(AsDocument::type);
    }
}
