package social.chorus.federation.vocab;

/**
 * One ActivityStreams node read from an inbound document: the root of a {@link ReadResult}, or
 * an object embedded in an activity or a collection. Sealed so that callers can rely on the four
 * kinds; {@link #kind()} exists because Java 17 has no pattern matching in {@code switch}.
 */
public sealed interface AsDocument permits AsActivity, AsActor, AsObject, AsCollection {

    /** Which record a document was read into. */
    enum Kind { ACTIVITY, ACTOR, OBJECT, COLLECTION }

    /** The node's IRI, or null for an embedded node that has none. */
    String id();

    /**
     * The type's short name ("Note", "Create", "Emoji", "ChatMessage"). ActivityStreams types win
     * when a node has several; a type no context defines keeps the name the sender wrote.
     */
    String type();

    Kind kind();
}
