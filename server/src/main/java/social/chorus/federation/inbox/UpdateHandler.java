package social.chorus.federation.inbox;

import java.time.Clock;
import org.jooq.DSLContext;
import social.chorus.federation.convert.AsToAccount;
import social.chorus.federation.deref.ActorChecks;
import social.chorus.federation.vocab.AsActor;
import social.chorus.federation.vocab.AsDocument;
import social.chorus.storage.AccountRepository;

/**
 * {@code Update} of the sender's own actor (new name, summary, keys, endpoints): the embedded
 * document replaces the stored copy. An actor can only update itself; updates of posts come
 * with posts.
 */
final class UpdateHandler implements ActivityHandler {
    private final AccountRepository accounts;
    private final AsToAccount toAccount = new AsToAccount();
    private final Clock clock;

    UpdateHandler(AccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "Update";
    }

    @Override
    public void handle(DSLContext tx, Inbound in) {
        var embedded = in.activity().object() == null ? java.util.Optional.<AsDocument>empty()
                : in.activity().object().embedded();
        if (embedded.isEmpty() || embedded.get().kind() != AsDocument.Kind.ACTOR) {
            return;
        }
        AsActor actor = (AsActor) embedded.get();
        if (!in.sender().uri().equals(actor.id())) {
            throw InboxException.forbidden("an actor can only update itself");
        }
        // The same checks as a fetched actor: keys it does not own on its own origin are dropped.
        accounts.upsertRemote(tx, toAccount.toAccount(ActorChecks.forStorage(actor), clock.instant()));
    }
}
