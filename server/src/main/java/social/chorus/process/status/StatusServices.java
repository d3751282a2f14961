package social.chorus.process.status;

import java.security.SecureRandom;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.function.Function;
import social.chorus.model.Account;
import social.chorus.model.LocalIds;
import social.chorus.process.Outbox;
import social.chorus.process.event.Events;
import social.chorus.process.text.PostText;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.BlockRepository;
import social.chorus.storage.Db;
import social.chorus.storage.FavouriteRepository;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.IdempotencyRepository;
import social.chorus.storage.MediaAttachmentRepository;
import social.chorus.storage.PinRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.TimelineRepository;
import social.chorus.storage.TombstoneRepository;

/** Posting (writes) and reading (with visibility rules) of statuses, and how they are shown, wired once. */
public record StatusServices(StatusService posting, StatusQueries reading, StatusViews views, StatusPins pins) {

    /** Without federation: posts stay on this instance (tests of the local rules). */
    public static StatusServices create(Db db, Clock clock, LocalIds ids, String localDomain, int maxChars) {
        return create(db, Events.none(db), clock, ids, localDomain, maxChars, null, null,
                new StatusIds(clock, new SecureRandom()));
    }

    /** @param outbox where the activities of posts and pins go to other servers; null sends nothing */
    public static StatusServices create(Db db, Events events, Clock clock, LocalIds ids, String localDomain,
            int maxChars, Outbox outbox) {
        return create(db, events, clock, ids, localDomain, maxChars, outbox, null,
                new StatusIds(clock, new SecureRandom()));
    }

    /**
     * @param remoteMentions finds (and fetches) a remote account by handle for a post's mentions;
     *     null leaves mentions of unknown remote accounts as plain text
     * @param statusIds the process's one id source, shared with whatever else makes statuses
     */
    public static StatusServices create(Db db, Events events, Clock clock, LocalIds ids, String localDomain,
            int maxChars, Outbox outbox, Function<String, Future<Account>> remoteMentions, StatusIds statusIds) {
        StatusRepository statuses = new StatusRepository(clock);
        AccountRepository accounts = new AccountRepository(clock);
        FollowRepository follows = new FollowRepository(clock);
        StatusAccess access = new StatusAccess(statuses, follows);
        TombstoneRepository tombstones = new TombstoneRepository(clock);
        StatusFanout fanout = new StatusFanout(follows, accounts, statuses, outbox);
        StatusService posting = new StatusService(new StatusService.Deps(db, events, clock, ids,
                statusIds, statuses, new IdempotencyRepository(clock), accounts, access,
                new PostText(ids.baseUrl(), localDomain), maxChars, fanout, tombstones, remoteMentions));
        PinRepository pins = new PinRepository(clock);
        StatusViews views = new StatusViews(statuses, accounts, new FavouriteRepository(clock), pins,
                new MediaAttachmentRepository());
        return new StatusServices(posting, new StatusQueries(db, statuses, accounts, access, tombstones, views,
                new BlockRepository(clock), new TimelineRepository()), views,
                new StatusPins(db, statuses, accounts, pins, access, views, ids, new PinFanout(follows, outbox)));
    }
}
