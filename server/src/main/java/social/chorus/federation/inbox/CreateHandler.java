package social.chorus.federation.inbox;

import java.util.Optional;
import org.jooq.DSLContext;
import social.chorus.process.event.Emitter;
import social.chorus.federation.vocab.AsObject;

/**
 * {@code Create} of a post (Note, Article, Page, Question): stored as a remote status when it
 * concerns someone here (see {@link RemoteNotes}). Only embedded objects are read: a bare id
 * would need a fetch, and every server we know embeds the post.
 */
final class CreateHandler implements ActivityHandler {
    private final RemoteNotes notes;

    CreateHandler(RemoteNotes notes) {
        this.notes = notes;
    }

    @Override
    public String type() {
        return "Create";
    }

    @Override
    public void handle(DSLContext tx, Inbound in, Emitter events) {
        Optional<AsObject> note = in.activity().object() == null ? Optional.empty()
                : in.activity().object().asObject();
        if (note.isPresent() && RemoteNotes.POST_TYPES.contains(note.get().type())) {
            notes.create(tx, in.sender(), note.get(), events);
        }
    }
}
