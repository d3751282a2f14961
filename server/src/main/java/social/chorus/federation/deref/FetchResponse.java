package social.chorus.federation.deref;

import io.vertx.core.buffer.Buffer;

/**
 * A successful (2xx) fetch with an accepted Content-Type.
 *
 * @param finalUrl where the body came from after redirects: origin checks compare ids with this
 * @param redirects how many were followed
 */
public record FetchResponse(OutboundUrl requested, OutboundUrl finalUrl, int status, String contentType, Buffer body,
        int redirects) {

    public byte[] bytes() {
        return body.getBytes();
    }
}
