package social.chorus.federation.bench;

import static social.chorus.schema.Tables.STATUS;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.chorus.app.Chorus;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.model.Account;
import social.chorus.model.Follow;
import social.chorus.storage.DeliveryRepository;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.StatusRepository.PageQuery;
import social.chorus.storage.TimelineRepository;

/**
 * What the inbox benchmark posts, where, what it prepares first and what it counts afterwards to
 * show that every delivery was handled, not just answered.
 */
enum InboxWorkload {
    /** Signed Follows of the local account to its personal inbox; each queues an Accept. */
    FOLLOW("Follow", """
            N signed POSTs of Follow (distinct activity ids) to /users/bench/inbox
                      Each actor's first Follow creates its follow (100 in all, normally in the warm-up);
                      a repeated Follow of an accepted relation records the activity id, locks the follow
                      row and queues an Accept again (as Mastodon answers a redelivered Follow)."""),
    /**
     * Signed public Create(Note)s to the shared inbox from actors the local account follows: each
     * is stored as a status (with its hashtag) and so is in that account's home timeline.
     */
    CREATE("Create(Note)", """
            N signed POSTs of a public Create(Note) (Mastodon 4's shape: inline context terms,
                      to Public, cc followers, a hashtag, contentMap, replies; ~2.2 KB, each a new note) to the
                      shared inbox /inbox; the local account follows all 100 actors (accepted, set up directly),
                      so every note is stored as a status with its tag and reaches its home timeline.""");

    final String label;
    final String description;

    InboxWorkload(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** Makes the instance ready for the load: for Create, the local account follows every actor. */
    void prepare(Chorus chorus, Account me, List<Long> peerIds) {
        if (this == CREATE) {
            FollowRepository follows = new FollowRepository(Clock.systemUTC());
            chorus.services().db().tx(dsl -> {
                for (long peer : peerIds) {
                    follows.insert(dsl, me.id(), peer, me.uri() + "/follows/" + peer, Follow.State.ACCEPTED);
                }
                return null;
            }).await();
        }
    }

    URI inbox(Chorus chorus, Account me) {
        return URI.create(this == FOLLOW ? chorus.services().ids().inbox(me.username())
                : chorus.services().ids().sharedInbox());
    }

    List<HttpRequestView> sign(BenchPeers peers, URI inbox, Account me, String label, int count) {
        return this == FOLLOW ? peers.signFollows(inbox, me.uri(), label, count) : peers.signCreates(inbox, label, count);
    }

    /** What the server stored, by name; checked by the benchmark and printed in the report. */
    Map<String, Integer> handled(Chorus chorus, Account me) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (this == FOLLOW) {
            out.put("Accepts queued", chorus.services().db()
                    .read(dsl -> new DeliveryRepository(Clock.systemUTC()).stats(dsl)).await().pending());
            out.put("followers", chorus.services().db()
                    .read(dsl -> new FollowRepository(Clock.systemUTC()).countFollowers(dsl, me.id())).await());
        } else {
            out.put("remote statuses", chorus.services().db()
                    .read(dsl -> dsl.fetchCount(STATUS, STATUS.LOCAL.isFalse())).await());
            out.put("home timeline page of 40", chorus.services().db().read(dsl -> new TimelineRepository()
                    .home(dsl, me.id(), new PageQuery(null, null, null, 40)).size()).await());
        }
        return out;
    }
}
