package social.chorus.app;

import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import social.chorus.app.config.ChorusConfig;
import social.chorus.federation.sig.Keys;
import social.chorus.model.LocalIds;
import social.chorus.process.account.AccountService;
import social.chorus.process.account.PasswordHasher;
import social.chorus.process.auth.AuthServices;
import social.chorus.process.auth.InstanceService;
import social.chorus.process.health.HealthService;
import social.chorus.process.housekeeping.Housekeeping;
import social.chorus.process.instance.InstanceActorService;
import social.chorus.process.instance.InstanceFacts;
import social.chorus.process.instance.PublicActors;
import social.chorus.process.event.Events;
import social.chorus.process.notification.NotificationListener;
import social.chorus.process.notification.NotificationService;
import social.chorus.process.status.StatusAccess;
import social.chorus.process.interaction.InteractionServices;
import social.chorus.process.status.StatusSearch;
import social.chorus.process.status.StatusIds;
import social.chorus.process.status.StatusServices;
import social.chorus.process.timeline.TimelineService;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.BlockRepository;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.MarkerRepository;
import social.chorus.storage.NotificationRepository;
import social.chorus.storage.Database;
import social.chorus.storage.Db;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.TimelineRepository;

/**
 * Every service of one instance, wired once: the server and the operator CLI build the same
 * graph, so a command acts exactly as the running server would.
 */
public final class Services implements AutoCloseable {
    private final Db db;
    private final LocalIds ids;
    private final HealthService health;
    private final AccountService accounts;
    private final InstanceActorService instanceActor;
    private final PublicActors publicActors;
    private final InstanceFacts instanceFacts;
    private final AuthServices auth;
    private final FederationServices federation;
    private final StatusServices statuses;
    private final TimelineService timelines;
    private final Events events;
    private final NotificationService notifications;
    private final InteractionServices interactions;
    private final StatusSearch statusSearch;
    private final Housekeeping housekeeping;

    public Services(ChorusConfig config, Vertx vertx, Database database, Clock clock) {
        SecureRandom random = new SecureRandom();
        this.db = new Db(vertx, database, config.db().poolSize());
        this.ids = new LocalIds(config.baseUrl());
        this.health = new HealthService(db);
        this.accounts = new AccountService(vertx, db, new AccountRepository(clock),
                new PasswordHasher(PasswordHasher.Cost.DEFAULT, random), new Keys(random), ids,
                config.registrations());
        this.instanceActor = new InstanceActorService(vertx, db, new AccountRepository(clock), new Keys(random), ids,
                config.domain());
        this.publicActors = new PublicActors(db, new AccountRepository(clock), ids);
        this.instanceFacts = new InstanceFacts(db, new AccountRepository(clock), clock, config.domain(),
                config.registrations());
        this.events = new Events(db, List.of(new NotificationListener(db, new NotificationRepository(clock),
                new AccountRepository(clock), new BlockRepository(clock), new StatusRepository(clock),
                new StatusAccess(new StatusRepository(clock), new FollowRepository(clock)))));
        // One id source for every status this process makes (posts, boosts, fetched and received
        // posts), so that ids are strictly increasing in the order the statuses were made.
        StatusIds statusIds = new StatusIds(clock, random);
        this.federation = new FederationServices(config, vertx, db, events, clock, ids, instanceActor, statusIds);
        this.auth = new AuthServices(new AuthServices.Deps(vertx, db, clock, random, accounts,
                new InstanceService.Identity(config.domain(), config.baseUrl(), Launcher.version(),
                        config.registrations(), config.maxStatusChars()), federation.outbox(), ids));
        this.statuses = StatusServices.create(db, events, clock, ids, config.domain(), config.maxStatusChars(),
                federation.outbox(), federation.remoteAccounts()::resolve, statusIds);
        this.timelines = new TimelineService(db, new TimelineRepository(), statuses.views());
        this.notifications = new NotificationService(db, new NotificationRepository(clock), new MarkerRepository(clock),
                new AccountRepository(clock), new StatusRepository(clock), statuses.views());
        this.interactions = InteractionServices.create(db, events, clock, ids, statusIds, statuses.views(),
                federation.outbox());
        this.statusSearch = new StatusSearch(db, new StatusRepository(clock), new BlockRepository(clock),
                statuses.reading(), federation.remoteStatuses()::resolve);
        this.housekeeping = new Housekeeping(vertx, db, clock, config.retention(), config.baseUrl());
    }

    public Db db() {
        return db;
    }

    public LocalIds ids() {
        return ids;
    }

    public HealthService health() {
        return health;
    }

    public AccountService accounts() {
        return accounts;
    }

    /** The instance actor and its signing key (for signed fetches); ensured at start. */
    public InstanceActorService instanceActor() {
        return instanceActor;
    }

    /** Local actors as the world sees them (actor documents, WebFinger). */
    public PublicActors publicActors() {
        return publicActors;
    }

    /** NodeInfo facts: software, registrations, usage counts. */
    public InstanceFacts instanceFacts() {
        return instanceFacts;
    }

    /** OAuth apps and tokens, browser sign-in, and the client API's account and instance services. */
    public AuthServices auth() {
        return auth;
    }

    /** Everything that talks to other servers. */
    public FederationServices federation() {
        return federation;
    }

    /** Local posts: create, edit, delete, and reading them with visibility rules. */
    public StatusServices statuses() {
        return statuses;
    }

    /** Home, public and hashtag timelines. */
    public TimelineService timelines() {
        return timelines;
    }

    /** Where committed changes are announced (notifications listen). */
    public Events events() {
        return events;
    }

    /** Notifications and read markers of local accounts. */
    public NotificationService notifications() {
        return notifications;
    }

    /** Likes and boosts. */
    public InteractionServices interactions() {
        return interactions;
    }

    /** Statuses by URL for the search API, fetched from their server when asked. */
    public StatusSearch statusSearch() {
        return statusSearch;
    }

    /** Deletes rows that only pile up (finished deliveries, old activity ids…); the server starts it. */
    public Housekeeping housekeeping() {
        return housekeeping;
    }

    @Override
    public void close() {
        housekeeping.stop();
        federation.close();
        db.close();
    }
}
