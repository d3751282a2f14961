package social.chorus.federation.vocab;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.context.ActiveContext;
import com.apicatalog.jsonld.processor.ProcessingRuntime;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Top-level {@code @context} values already processed into Titanium active contexts, by their
 * JSON text. Processing the ActivityStreams context (about 200 term definitions) took about a
 * third of an inbound read, and nearly every document of a server carries the same context, so
 * it is done once per distinct context instead of once per document.
 *
 * <p>Safe to share: expansion never changes an active context (a nested or type-scoped context
 * makes a new one from a copy), and the options behind the cached contexts have no caches of
 * their own ({@link #options}), so nothing reachable from a cached context is written after it
 * is built. Bounded, least recently used first out, so a sender that varies its context on every
 * request costs only the processing it would have cost anyway.
 */
final class ProcessedContexts {
    /** Far more distinct contexts than the platforms we know send (one or two each). */
    static final int CAPACITY = 256;
    /** Context text longer than this is processed every time instead of being kept as a key. */
    private static final int MAX_KEY_CHARS = 16 * 1024;

    private final JsonLdOptions options;
    private final Map<String, ActiveContext> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ActiveContext> eldest) {
            return size() > CAPACITY;
        }
    };

    ProcessedContexts(BundledContexts loader) {
        this.options = readOnlyOptions(loader);
    }

    /**
     * Options for every parse, never handed to Jena (which may set fields) and never changed:
     * only the bundled loader, no context or document cache (Titanium's LRU cache is not
     * thread-safe, and the bundled loader is already an in-memory map).
     */
    static JsonLdOptions readOnlyOptions(BundledContexts loader) {
        JsonLdOptions options = new JsonLdOptions(loader);
        options.setContextCache(null);
        options.setDocumentCache(null);
        return options;
    }

    JsonLdOptions options() {
        return options;
    }

    /** The active context a document with this top-level {@code @context} starts from. */
    ActiveContext forContext(JsonValue context) throws JsonLdError {
        String key = context.toString();
        if (key.length() > MAX_KEY_CHARS) {
            return process(context);
        }
        synchronized (cache) {
            ActiveContext known = cache.get(key);
            if (known != null) {
                return known;
            }
        }
        // Processed outside the lock: two threads may both process a new context once; same result.
        ActiveContext processed = process(context);
        synchronized (cache) {
            cache.putIfAbsent(key, processed);
        }
        return processed;
    }

    int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private ActiveContext process(JsonValue context) throws JsonLdError {
        // As Titanium's expansion starts a document without a base: no document URL, no base option.
        return new ActiveContext(null, null, ProcessingRuntime.of(options)).newContext().create(context, null);
    }
}
