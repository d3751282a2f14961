package social.chorus.federation.inbox;

import java.time.Clock;
import java.util.Optional;
import org.jooq.DSLContext;
import social.chorus.process.event.Emitter;
import social.chorus.federation.convert.AsToAccount;
import social.chorus.federation.deref.ActorChecks;
import social.chorus.federation.vocab.AsActor;
import social.chorus.federation.vocab.AsDocument;
import social.chorus.federation.vocab.AsObject;
import social.chorus.model.Account;
import social.chorus.storage.AccountRepository;

/**
 * {@code Update} of the sender's own actor (new name, summary, keys, endpoints): the embedded
 * document replaces the stored copy. An actor can only update itself. An Update of a post goes
 * to {@link RemoteNotes} (the author's edit). The actor's {@code featured} collection is recorded
 * and its pins read again after the commit.
 */
final class UpdateHandler implements ActivityHandler {
    private final AccountRepository accounts;
    private final AsToAccount toAccount = new AsToAccount();
    private final Clock clock;
    private final RemoteNotes notes;

    private final RemotePosts remote;

    UpdateHandler(AccountRepository accounts, Clock clock, RemoteNotes notes, RemotePosts remote) {
        this.remote = remote;
        this.accounts = accounts;
        this.clock = clock;
        this.notes = notes;
    }

    private static Account withCounts(Account a, Account.AccountCounts counts) {
        return new Account(a.id(), a.username(), a.domain(), a.type(), a.uri(), a.url(), a.displayName(), a.note(),
                a.endpoints(), a.publicKey(), a.ed25519Key(), a.flags(), counts, a.createdAt(), a.updatedAt(),
                a.fetchedAt());
    }

    @Override
    public String type() {
        return "Update";
    }

    @Override
    public void handle(DSLContext tx, Inbound in, Emitter events) {
        var embedded = in.activity().object() == null ? java.util.Optional.<AsDocument>empty()
                : in.activity().object().embedded();
        if (embedded.isPresent() && embedded.get() instanceof AsObject note
                && RemoteNotes.POST_TYPES.contains(note.type())) {
            notes.update(tx, in.sender(), note, events); // an edit of a post
            return;
        }
        if (embedded.isEmpty() || embedded.get().kind() != AsDocument.Kind.ACTOR) {
            return;
        }
        AsActor actor = (AsActor) embedded.get();
        if (!in.sender().uri().equals(actor.id())) {
            throw InboxException.forbidden("an actor can only update itself");
        }
        Account updated;
        AsActor checked;
        try {
            // The same checks as a fetched actor: keys it does not own on its own origin are dropped.
            checked = ActorChecks.forStorage(actor);
            updated = toAccount.toAccount(checked, clock.instant());
        } catch (RuntimeException e) {
            throw InboxException.badRequest("unusable actor in Update: " + e.getMessage());
        }
        Optional<Account> holder = accounts.findByUsername(tx, updated.username(), updated.domain());
        if (holder.isPresent() && !holder.get().uri().equals(updated.uri())) {
            throw InboxException.forbidden(updated.acct() + " is another actor's handle");
        }
        // An actor document carries no counts; keep the ones its collections gave us.
        Account stored = accounts.upsertRemote(tx, withCounts(updated, in.sender().counts()));
        accounts.setFeaturedUrl(tx, stored.id(), checked.featured());
    }

    /** An updated actor's pins are read again, as a refreshed one's are: in the background. */
    @Override
    public void afterCommit(Inbound in) {
        updatedActor(in).ifPresent(actor -> {
            String featured;
            try {
                featured = ActorChecks.forStorage(actor).featured();
            } catch (RuntimeException e) {
                return;
            }
            remote.readPinsLater(in.sender(), featured);
        });
    }

    private static Optional<AsActor> updatedActor(Inbound in) {
        return Optional.ofNullable(in.activity().object()).flatMap(o -> o.asActor())
                .filter(actor -> in.sender().uri().equals(actor.id()));
    }
}
