package social.chorus.federation.vocab;

import java.util.Optional;

/**
 * A value that is either a bare IRI or an embedded node, as ActivityPub allows for
 * {@code object}, {@code target} and collection items.
 */
public sealed interface AsRef permits AsRef.Link, AsRef.Embedded {

    /** The IRI referred to; null only for an embedded node without an id. */
    String id();

    /** The embedded node, when the sender inlined one. */
    Optional<AsDocument> embedded();

    /** Convenience: the embedded node when it is an object (Note, Page…). */
    default Optional<AsObject> asObject() {
        return embedded().filter(AsObject.class::isInstance).map(AsObject.class::cast);
    }

    /** Convenience: the embedded node when it is an activity (Announce → Create…). */
    default Optional<AsActivity> asActivity() {
        return embedded().filter(AsActivity.class::isInstance).map(AsActivity.class::cast);
    }

    /** Convenience: the embedded node when it is an actor (Update of a Person…). */
    default Optional<AsActor> asActor() {
        return embedded().filter(AsActor.class::isInstance).map(AsActor.class::cast);
    }

    /** A reference by IRI only; the caller dereferences it if it needs more. */
    record Link(String id) implements AsRef {
        @Override
        public Optional<AsDocument> embedded() {
            return Optional.empty();
        }
    }

    /** A node the sender embedded in full. */
    record Embedded(AsDocument document) implements AsRef {
        @Override
        public String id() {
            return document.id();
        }

        @Override
        public Optional<AsDocument> embedded() {
            return Optional.of(document);
        }
    }
}
