package social.chorus.federation.inbox;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Recognises, without JSON-LD, a {@code Delete} whose object is its own actor (an account deletion). */
final class SelfDelete {
    private SelfDelete() {
    }

    /** The actor id when the body is a self-Delete, else empty. */
    static Optional<String> actorOf(byte[] body) {
        try {
            JsonObject json = new JsonObject(new String(body, StandardCharsets.UTF_8));
            Object object = json.getValue("object");
            String objectId = object instanceof String s ? s
                    : object instanceof JsonObject o && o.getValue("id") instanceof String id ? id : null;
            Object actor = json.getValue("actor");
            if ("Delete".equals(json.getValue("type")) && actor instanceof String a && a.equals(objectId)) {
                return Optional.of(a);
            }
        } catch (DecodeException | ClassCastException e) {
            // not JSON, or not an object: not a self-Delete
        }
        return Optional.empty();
    }
}
