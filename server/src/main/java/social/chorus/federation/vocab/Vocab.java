package social.chorus.federation.vocab;

/**
 * The IRIs the reader looks for. Properties are {@link Term}s: an IRI plus the bare name, because
 * a property whose defining context was missing or skipped still arrives, under
 * {@link #UNDEFINED_NS}, by the name the sender wrote (see {@link ContextPreparer}).
 */
public final class Vocab {
    /** The ActivityStreams namespace. */
    public static final String AS = "https://www.w3.org/ns/activitystreams#";
    /** The public collection, always in this full form whatever the sender wrote. */
    public static final String PUBLIC = AS + "Public";

    static final String SEC = "https://w3id.org/security#";
    static final String LDP = "http://www.w3.org/ns/ldp#";
    static final String TOOT = "http://joinmastodon.org/ns#";
    static final String OSTATUS = "http://ostatus.org#";
    static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    /** Where terms no context defines end up; not a real vocabulary, never leaves the reader. */
    static final String UNDEFINED_NS = "urn:chorus:undefined:";

    static final Term ACTOR = Term.as("actor");
    static final Term OBJECT = Term.as("object");
    static final Term TARGET = Term.as("target");
    static final Term TO = Term.as("to");
    static final Term CC = Term.as("cc");
    static final Term AUDIENCE = Term.as("audience");
    static final Term PUBLISHED = Term.as("published");
    static final Term UPDATED = Term.as("updated");
    static final Term START_TIME = Term.as("startTime");
    static final Term END_TIME = Term.as("endTime");
    static final Term ATTRIBUTED_TO = Term.as("attributedTo");
    static final Term CONTENT = Term.as("content");
    static final Term SUMMARY = Term.as("summary");
    static final Term NAME = Term.as("name");
    static final Term URL = Term.as("url");
    static final Term HREF = Term.as("href");
    static final Term IN_REPLY_TO = Term.as("inReplyTo");
    static final Term TAG = Term.as("tag");
    static final Term ATTACHMENT = Term.as("attachment");
    static final Term MEDIA_TYPE = Term.as("mediaType");
    static final Term CONTEXT = Term.as("context");
    static final Term ICON = Term.as("icon");
    static final Term IMAGE = Term.as("image");
    static final Term WIDTH = Term.as("width");
    static final Term HEIGHT = Term.as("height");
    static final Term SENSITIVE = Term.as("sensitive");
    static final Term PREFERRED_USERNAME = Term.as("preferredUsername");
    static final Term OUTBOX = Term.as("outbox");
    static final Term FOLLOWERS = Term.as("followers");
    static final Term FOLLOWING = Term.as("following");
    static final Term ENDPOINTS = Term.as("endpoints");
    static final Term SHARED_INBOX = Term.as("sharedInbox");
    static final Term MANUALLY_APPROVES_FOLLOWERS = Term.as("manuallyApprovesFollowers");
    static final Term TOTAL_ITEMS = Term.as("totalItems");
    static final Term ITEMS = Term.as("items");
    static final Term FIRST = Term.as("first");
    static final Term NEXT = Term.as("next");
    static final Term PART_OF = Term.as("partOf");
    static final Term INBOX = new Term(LDP + "inbox", "inbox");
    static final Term CONVERSATION = new Term(OSTATUS + "conversation", "conversation");
    static final Term DISCOVERABLE = new Term(TOOT + "discoverable", "discoverable");
    static final Term INDEXABLE = new Term(TOOT + "indexable", "indexable");
    /** Defined inline by Mastodon's actors (no bundled context has it); Lemmy's arrive by the bare name. */
    static final Term FEATURED = new Term(TOOT + "featured", "featured");
    static final Term BLURHASH = new Term(TOOT + "blurhash", "blurhash");
    static final Term FOCAL_POINT = new Term(TOOT + "focalPoint", "focalPoint");
    static final Term PUBLIC_KEY = new Term(SEC + "publicKey", "publicKey");
    static final Term OWNER = new Term(SEC + "owner", "owner");
    static final Term PUBLIC_KEY_PEM = new Term(SEC + "publicKeyPem", "publicKeyPem");
    static final Term ASSERTION_METHOD = new Term(SEC + "assertionMethod", "assertionMethod");
    static final Term CONTROLLER = new Term(SEC + "controller", "controller");
    static final Term PUBLIC_KEY_MULTIBASE = new Term(SEC + "publicKeyMultibase", "publicKeyMultibase");

    static final String RDF_TYPE = RDF + "type";
    static final String RDF_FIRST = RDF + "first";
    static final String RDF_REST = RDF + "rest";
    static final String RDF_NIL = RDF + "nil";

    private Vocab() {
    }

    /**
     * A property: its IRI, and the bare name under which it arrives when the sender's context
     * did not define it (Lemmy sends no context at all; Mbin's is not bundled).
     */
    record Term(String iri, String name) {
        static Term as(String local) {
            return new Term(AS + local, local);
        }

        String undefinedIri() {
            return UNDEFINED_NS + name;
        }
    }
}
