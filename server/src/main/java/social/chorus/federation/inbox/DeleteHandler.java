package social.chorus.federation.inbox;

import org.jooq.DSLContext;
import social.chorus.process.event.Emitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.storage.AccountRepository;
import social.chorus.process.follow.InboundFollows;
import social.chorus.process.interaction.InboundInteractions;

/**
 * {@code Delete} of the sender's own actor: the stored account goes, with its posts, follows and
 * blocks and likes. A Delete of a post (or of a boost, by its Announce's id) removes it when the sender wrote it and leaves a tombstone (also for
 * a post of the sender's host that has not arrived yet); anything else is ignored.
 */
final class DeleteHandler implements ActivityHandler {
    private static final Logger log = LoggerFactory.getLogger(DeleteHandler.class);

    private final AccountRepository accounts;
    private final InboundFollows follows;
    private final RemoteNotes notes;
    private final InboundInteractions interactions;

    DeleteHandler(AccountRepository accounts, InboundFollows follows, RemoteNotes notes,
            InboundInteractions interactions) {
        this.accounts = accounts;
        this.follows = follows;
        this.notes = notes;
        this.interactions = interactions;
    }

    @Override
    public String type() {
        return "Delete";
    }

    @Override
    public void handle(DSLContext tx, Inbound in, Emitter events) {
        if (in.sender().uri().equals(in.activity().objectId())) {
            // Through the follow repository first, so the local side's counts drop with the rows;
            // their posts through the status repository, so the posts they answered are uncounted.
            follows.forget(tx, in.sender());
            interactions.forgetLikesOf(tx, in.sender());
            int posts = notes.deleteAllBy(tx, in.sender());
            accounts.deleteRemote(tx, in.sender().id());
            log.info("Remote actor {} deleted itself ({} stored posts removed)", in.sender().uri(), posts);
            return;
        }
        // Otherwise a post (by id, or a Tombstone carrying it), or a boost by its Announce's id:
        // only its author's Delete counts.
        notes.delete(tx, in.sender(), in.activity().objectId());
    }
}
