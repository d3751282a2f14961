package social.chorus.federation.vocab;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.http.media.MediaType;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The only {@link DocumentLoader} the reader gives Titanium: it serves the JSON-LD contexts
 * bundled under {@code /jsonld/} and refuses every other URL at once. Titanium's default loader
 * would fetch over the network on the inbox path, which is slow, a way to make us send requests,
 * and a way to change how a document reads after the fact.
 *
 * <p>Each file is parsed once, when the loader is built; a load only wraps the immutable parsed
 * JSON in a new {@link JsonDocument} (Titanium sets its document URL, so it is not shared).
 * Thread-safe; one instance serves every parse.
 */
final class BundledContexts implements DocumentLoader {

    private static final String ACTIVITYSTREAMS = "activitystreams.jsonld";

    /**
     * Context URL → bundled file. The files were written from the published documents; the
     * ActivityStreams one is taken under both schemes because senders use both.
     */
    private static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("https://www.w3.org/ns/activitystreams", ACTIVITYSTREAMS),
            Map.entry("http://www.w3.org/ns/activitystreams", ACTIVITYSTREAMS),
            Map.entry("https://www.w3.org/ns/activitystreams.jsonld", ACTIVITYSTREAMS),
            Map.entry("https://w3id.org/security/v1", "security-v1.jsonld"),
            Map.entry("http://w3id.org/security/v1", "security-v1.jsonld"),
            Map.entry("https://w3id.org/security/data-integrity/v1", "data-integrity-v1.jsonld"),
            Map.entry("https://w3id.org/security/data-integrity/v2", "data-integrity-v2.jsonld"),
            Map.entry("https://w3id.org/security/multikey/v1", "multikey-v1.jsonld"),
            Map.entry("https://join-lemmy.org/context.json", "lemmy-context.jsonld"),
            Map.entry("https://purl.archive.org/socialweb/webfinger", "webfinger.jsonld"));

    /** Every Pleroma/Akkoma instance serves its own copy of the same LitePub context. */
    private static final String LITEPUB_PATH = "/schemas/litepub-0.1.jsonld";
    private static final String LITEPUB_FILE = "litepub-0.1.jsonld";

    /** Contexts that pull in ActivityStreams themselves, so it need not be added before them. */
    private static final Set<String> IMPORT_ACTIVITYSTREAMS =
            Set.of(ACTIVITYSTREAMS, LITEPUB_FILE, "lemmy-context.jsonld");

    private final Map<String, JsonStructure> parsed;

    BundledContexts() {
        Map<String, JsonStructure> byFile = new HashMap<>();
        for (String file : FILES.values()) {
            byFile.computeIfAbsent(file, BundledContexts::parse);
        }
        byFile.put(LITEPUB_FILE, parse(LITEPUB_FILE));
        this.parsed = Map.copyOf(byFile);
    }

    /** Whether {@code url} is served from the bundle (and so may stay in a document). */
    boolean isBundled(String url) {
        return fileFor(url) != null;
    }

    /** Whether the context at {@code url} includes ActivityStreams. */
    boolean importsActivityStreams(String url) {
        String file = fileFor(url);
        return file != null && IMPORT_ACTIVITYSTREAMS.contains(file);
    }

    @Override
    public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
        String file = fileFor(url.toString());
        if (file == null) {
            throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED,
                    "context " + url + " is not bundled and is never fetched");
        }
        JsonDocument document = JsonDocument.of(MediaType.JSON_LD, parsed.get(file));
        document.setDocumentUrl(url);
        return document;
    }

    private static String fileFor(String url) {
        String file = FILES.get(url);
        if (file != null) {
            return file;
        }
        boolean web = url.startsWith("https://") || url.startsWith("http://");
        return web && url.endsWith(LITEPUB_PATH) && url.indexOf('?') < 0 ? LITEPUB_FILE : null;
    }

    private static JsonStructure parse(String file) {
        String resource = "/jsonld/" + file;
        try (InputStream in = BundledContexts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled JSON-LD context missing: " + resource);
            }
            return JsonDocument.of(MediaType.JSON_LD, in).getJsonContent()
                    .orElseThrow(() -> new IllegalStateException("empty context " + resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JsonLdError e) {
            throw new IllegalStateException("bundled context " + resource + " is not JSON", e);
        }
    }
}
