package social.chorus.federation.inbox;

import io.vertx.core.Future;
import social.chorus.model.Account;

/**
 * What the inbox asks of the code that fetches posts from other servers, after its transaction
 * has committed: the missing parents of a stored reply, a post that was boosted or pinned before we
 * had it, the pins of an actor that changed. Both only start work; the inbox never waits for another server.
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

    /** Reads a remote actor's pins from its featured collection (after an Update of the actor). */
    default void readPinsLater(Account account, String featuredUrl) {
    }

    /**
     * Fetches a remote actor's document again and stores it (which reads its pins too): for an
     * account stored before its featured collection was recorded.
     */
    default void refetchActorLater(Account account) {
    }
}
