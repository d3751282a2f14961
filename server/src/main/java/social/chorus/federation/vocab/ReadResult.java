package social.chorus.federation.vocab;

import java.util.List;
import java.util.Optional;

/**
 * What {@link JsonLdReader} made of a document: the root node as a typed record, and what it had
 * to skip on the way (context URLs that are not bundled, IRIs Jena found suspect).
 */
public record ReadResult(AsDocument document, List<String> warnings) {

    public ReadResult {
        warnings = List.copyOf(warnings);
    }

    public AsDocument.Kind kind() {
        return document.kind();
    }

    public Optional<AsActivity> activity() {
        return as(AsActivity.class);
    }

    public Optional<AsActor> actor() {
        return as(AsActor.class);
    }

    public Optional<AsObject> object() {
        return as(AsObject.class);
    }

    public Optional<AsCollection> collection() {
        return as(AsCollection.class);
    }

    private <T extends AsDocument> Optional<T> as(Class<T> kind) {
        return kind.isInstance(document) ? Optional.of(kind.cast(document)) : Optional.empty();
    }
}
