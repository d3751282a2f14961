package social.chorus.federation.vocab;

import java.time.Instant;
import java.util.List;

/**
 * An activity (Create, Announce, Undo, Lemmy's Lock…). {@code objects} is a list because Flag and
 * a few others carry several; RDF keeps no array order, so it is sorted: embedded nodes first,
 * then by IRI.
 *
 * @param actor the acting actor's IRI; when several are given, a Person/Service/Application wins
 */
public record AsActivity(
        String id,
        String type,
        String actor,
        List<AsRef> objects,
        AsRef target,
        List<String> to,
        List<String> cc,
        List<String> audience,
        Instant published) implements AsDocument {

    public AsActivity {
        objects = List.copyOf(objects);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        audience = List.copyOf(audience);
    }

    /** The first object, or null when the activity has none. */
    public AsRef object() {
        return objects.isEmpty() ? null : objects.get(0);
    }

    /** The first object's IRI, or null. */
    public String objectId() {
        AsRef object = object();
        return object == null ? null : object.id();
    }

    /** Whether the activity is addressed to the public collection in to or cc. */
    public boolean isPublic() {
        return to.contains(Vocab.PUBLIC) || cc.contains(Vocab.PUBLIC);
    }

    @Override
    public Kind kind() {
        return Kind.ACTIVITY;
    }
}
