package social.chorus.federation.inbox;

import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import social.chorus.process.event.Emitter;
import social.chorus.federation.vocab.AsObject;

/**
 * {@code Create} of a post (Note, Article, Page, Question): stored as a remote status when it
 * concerns someone here (see {@link RemoteNotes}). Only embedded objects are read: a bare id
 * would need a fetch, and every server we know embeds the post. After the commit, the parents
 * of a reply are fetched when they are not stored here, in the background.
 */
final class CreateHandler implements ActivityHandler {
    private final RemoteNotes notes;
    private final Consumer<String> fetchParents;

    /** @param fetchParents starts fetching the missing parents of the stored post with this uri */
    CreateHandler(RemoteNotes notes, Consumer<String> fetchParents) {
        this.notes = notes;
        this.fetchParents = fetchParents;
    }

    @Override
    public String type() {
        return "Create";
    }

    @Override
    public void handle(DSLContext tx, Inbound in, Emitter events) {
        Optional<AsObject> note = post(in);
        if (note.isPresent()) {
            notes.create(tx, in.sender(), note.get(), events);
        }
    }

    /**
     * Whether the reply was stored, and whether its parent is missing, is read again by the fetch
     * (one read per reply): the reply may have been stored by this Create or an earlier one.
     */
    @Override
    public void afterCommit(Inbound in) {
        post(in).filter(n -> n.inReplyTo() != null && n.id() != null).ifPresent(n -> fetchParents.accept(n.id()));
    }

    private static Optional<AsObject> post(Inbound in) {
        return (in.activity().object() == null ? Optional.<AsObject>empty() : in.activity().object().asObject())
                .filter(n -> RemoteNotes.POST_TYPES.contains(n.type()));
    }
}
