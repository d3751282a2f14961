package social.chorus.federation.deref;

import io.vertx.core.Future;

/**
 * Hosts this instance will not fetch posts from. Chorus has no instance-wide domain blocks yet
 * (blocks are between accounts), so the server runs with {@link #none()}; a domain-block list
 * plugs in here and every fetch of a post (parents of replies, search) honours it before any
 * request is made, and again for the host a redirect ends on.
 */
@FunctionalInterface
public interface HostBlocks {
    /** @param host lower-case host name or address literal, without port */
    Future<Boolean> blocked(String host);

    static HostBlocks none() {
        return host -> Future.succeededFuture(false);
    }
}
