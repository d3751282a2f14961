package social.chorus.process.status;

import java.security.SecureRandom;
import java.time.Clock;
import social.chorus.model.LocalIds;
import social.chorus.process.text.PostText;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.StatusRepository;

/** Posting (writes) and reading (with visibility rules) of statuses, wired once. */
public record StatusServices(StatusService posting, StatusQueries reading) {

    public static StatusServices create(Db db, Clock clock, LocalIds ids, String localDomain, int maxChars) {
        StatusRepository statuses = new StatusRepository(clock);
        AccountRepository accounts = new AccountRepository(clock);
        StatusAccess access = new StatusAccess(statuses, new FollowRepository(clock));
        StatusService posting = new StatusService(new StatusService.Deps(db, clock, ids,
                new StatusIds(clock, new SecureRandom()), statuses, accounts, access,
                new PostText(ids.baseUrl(), localDomain), maxChars));
        return new StatusServices(posting, new StatusQueries(db, statuses, accounts, access));
    }
}
