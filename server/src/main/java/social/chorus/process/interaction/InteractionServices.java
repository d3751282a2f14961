package social.chorus.process.interaction;

import java.time.Clock;
import social.chorus.model.LocalIds;
import social.chorus.process.Outbox;
import social.chorus.process.event.Events;
import social.chorus.process.status.StatusAccess;
import social.chorus.process.status.StatusIds;
import social.chorus.process.status.StatusViews;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.BlockRepository;
import social.chorus.storage.Db;
import social.chorus.storage.FavouriteRepository;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.StatusRepository;

/** Likes and boosts: making them (writes) and listing them (reads), wired once. */
public record InteractionServices(InteractionService changes, InteractionQueries reading) {

    /**
     * @param statusIds the process's one id source (a boost is a status), shared with posting
     * @param outbox where likes and boosts go to other servers; null sends nothing
     */
    public static InteractionServices create(Db db, Events events, Clock clock, LocalIds ids, StatusIds statusIds,
            StatusViews views, Outbox outbox) {
        StatusRepository statuses = new StatusRepository(clock);
        FavouriteRepository favourites = new FavouriteRepository(clock);
        AccountRepository accounts = new AccountRepository(clock);
        FollowRepository follows = new FollowRepository(clock);
        StatusAccess access = new StatusAccess(statuses, follows);
        InteractionService changes = new InteractionService(new InteractionService.Deps(db, events, clock, ids,
                statusIds, statuses, favourites, accounts, new BlockRepository(clock),
                access, views, new InteractionFanout(follows, outbox)));
        return new InteractionServices(changes, new InteractionQueries(db, statuses, favourites, accounts, access,
                views));
    }
}
