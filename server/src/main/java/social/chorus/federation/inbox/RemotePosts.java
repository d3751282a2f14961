package social.chorus.federation.inbox;

import io.vertx.core.Future;

/**
 * What the inbox asks of the code that fetches posts from other servers, after its transaction
 * has committed: the missing parents of a stored reply, and a post that was boosted before we had
 * it. Both only start work; the inbox never waits for another server.
 */
public interface RemotePosts {
    /** An inbox that fetches nothing (tests of the inbox's own rules). */
    RemotePosts NONE = new RemotePosts() {
        @Override
        public void fetchParentsLater(String childUri) {
        }

        @Override
        public Future<?> resolve(String uri) {
            return Future.failedFuture(new IllegalStateException("this inbox fetches no posts"));
        }
    };

    void fetchParentsLater(String childUri);

    /** The post at {@code uri}, stored here once the future succeeds (fetched if it was not). */
    Future<?> resolve(String uri);
}
