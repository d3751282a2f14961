package social.chorus.api.statuses;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import social.chorus.model.MediaAttachment;

/**
 * Mastodon's MediaAttachment entity for media shown from their remote URLs. Nothing is cached
 * here, so {@code url} is the remote file itself (where Mastodon would give its own copy) and
 * clients load it from the sender's server; {@code preview_url} is the sender's thumbnail, else
 * the picture itself for an image, else null.
 */
final class MediaJson {
    private MediaJson() {
    }

    static JsonArray array(List<MediaAttachment> media) {
        JsonArray out = new JsonArray();
        media.forEach(m -> out.add(attachment(m)));
        return out;
    }

    static JsonObject attachment(MediaAttachment m) {
        String preview = m.previewRemoteUrl() != null ? m.previewRemoteUrl()
                : m.type() == MediaAttachment.Kind.IMAGE ? m.remoteUrl() : null;
        return new JsonObject()
                .put("id", String.valueOf(m.id()))
                .put("type", m.type().apiName())
                .put("url", m.remoteUrl())
                .put("preview_url", preview)
                .put("remote_url", m.remoteUrl())
                .put("preview_remote_url", m.previewRemoteUrl())
                .put("text_url", null)
                .put("meta", meta(m))
                .put("description", m.description())
                .put("blurhash", m.blurhash());
    }

    /** The size as the sender gave it ({@code original}) and the focal point; what is unknown is left out. */
    private static JsonObject meta(MediaAttachment m) {
        JsonObject meta = new JsonObject();
        if (m.width() != null && m.height() != null) {
            meta.put("original", new JsonObject()
                    .put("width", m.width())
                    .put("height", m.height())
                    .put("size", m.width() + "x" + m.height())
                    .put("aspect", (double) m.width() / m.height()));
        }
        if (m.focus() != null) {
            meta.put("focus", new JsonObject().put("x", m.focus().x()).put("y", m.focus().y()));
        }
        return meta;
    }
}
