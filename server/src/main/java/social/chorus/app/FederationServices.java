package social.chorus.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import social.chorus.app.config.ChorusConfig;
import social.chorus.federation.access.FetchAccess;
import social.chorus.federation.access.SignedFetchAccess;
import social.chorus.federation.delivery.DeliveryOutbox;
import social.chorus.federation.delivery.DeliveryWorker;
import social.chorus.federation.delivery.InMemorySignatureStyles;
import social.chorus.federation.delivery.SignedPoster;
import social.chorus.federation.delivery.UnavailableHosts;
import social.chorus.federation.deref.Outbound;
import social.chorus.federation.deref.OutboundOptions;
import social.chorus.federation.deref.OutboundPolicy;
import social.chorus.federation.deref.RemoteAccounts;
import social.chorus.federation.deref.HostBlocks;
import social.chorus.federation.deref.RemoteActorResolver;
import social.chorus.federation.deref.RemoteFeatured;
import social.chorus.federation.deref.RemoteNoteStore;
import social.chorus.federation.deref.RemoteStatuses;
import social.chorus.federation.inbox.FetchingKeyResolver;
import social.chorus.federation.inbox.InboxProcessor;
import social.chorus.federation.inbox.RemotePosts;
import social.chorus.federation.inbox.SignatureCheck;
import social.chorus.federation.sig.SignatureVerifier;
import social.chorus.federation.vocab.JsonLdReader;
import social.chorus.model.Account;
import social.chorus.model.LocalIds;
import social.chorus.model.Relationship;
import social.chorus.process.account.AccountSearch;
import social.chorus.process.follow.FollowLists;
import social.chorus.process.follow.FollowService;
import social.chorus.process.follow.InboundFollows;
import social.chorus.process.instance.InstanceActorService;
import social.chorus.process.status.StatusIds;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.BlockRepository;
import social.chorus.process.event.Events;
import social.chorus.storage.Db;
import social.chorus.storage.DeliveryRepository;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.PinRepository;
import social.chorus.storage.ReceivedActivityRepository;
import social.chorus.storage.RemoteHostRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.MediaAttachmentRepository;
import social.chorus.storage.TombstoneRepository;

/**
 * Everything that talks to other servers: outbound HTTP, remote actors, following, the inbox and
 * the delivery queue with its worker.
 */
public final class FederationServices implements AutoCloseable {
    private final Outbound outbound;
    private final RemoteAccounts remoteAccounts;
    private final SignedPoster poster;
    private final FollowService follows;
    private final FollowLists followLists;
    private final InboxProcessor inbox;
    private final DeliveryRepository deliveries;
    private final DeliveryWorker deliveryWorker;
    private final RemoteHostRepository remoteHosts;
    private final UnavailableHosts unavailableHosts;
    private final AccountSearch accountSearch;
    private final FetchAccess fetchAccess;
    private final DeliveryOutbox outbox;
    private final SignatureCheck signatures;
    private final RemoteStatuses remoteStatuses;
    private final RemoteFeatured remoteFeatured;

    FederationServices(ChorusConfig config, Vertx vertx, Db db, Events events, Clock clock, LocalIds ids,
            InstanceActorService instanceActor, StatusIds statusIds) {
        AccountRepository accounts = new AccountRepository(clock);
        FollowRepository followRepo = new FollowRepository(clock);
        BlockRepository blocks = new BlockRepository(clock);
        JsonLdReader reader = new JsonLdReader();
        // One client for fetches and deliveries; private addresses and plain http only in development.
        this.outbound = Outbound.create(vertx, OutboundPolicy.of(config.allowPrivateAddresses()),
                OutboundOptions.defaults(OutboundOptions.userAgent(Launcher.version(), config.baseUrl())), clock);
        this.remoteAccounts = new RemoteAccounts(new RemoteActorResolver(vertx, outbound.fetcher(),
                outbound.webFinger(), reader,
                () -> Future.succeededFuture().map(v -> instanceActor.instanceSigningKey())),
                db, accounts, clock, RemoteAccounts.DEFAULT_MAX_AGE, config.domain());
        this.poster = new SignedPoster(outbound.http(), InMemorySignatureStyles.withDefaults(clock), clock);
        this.deliveries = new DeliveryRepository(clock);
        // New deliveries wake the worker once committed, instead of waiting for its next tick.
        this.outbox = new DeliveryOutbox(deliveries, ids, config.domain(), this::wakeDeliveries);
        this.follows = new FollowService(db, events, accounts, followRepo, blocks, outbox, ids);
        this.followLists = new FollowLists(db, accounts, followRepo);
        StatusRepository statusRepo = new StatusRepository(clock);
        this.remoteStatuses = new RemoteStatuses(new RemoteStatuses.Deps(vertx, db, events, outbound.fetcher(), reader,
                () -> Future.succeededFuture().map(v -> instanceActor.instanceSigningKey()), remoteAccounts::resolve,
                new RemoteNoteStore(accounts, statusRepo, new TombstoneRepository(clock),
                        new MediaAttachmentRepository(), statusIds::next, clock),
                statusRepo, HostBlocks.none(), config.domain()), RemoteStatuses.Options.DEFAULT);
        // Remote actors' pins, read after each is stored (it needs the post fetcher, which needs the actors).
        this.remoteFeatured = new RemoteFeatured(new RemoteFeatured.Deps(vertx, db, outbound.fetcher(), reader,
                () -> Future.succeededFuture().map(v -> instanceActor.instanceSigningKey()), remoteStatuses,
                new PinRepository(clock), HostBlocks.none(), clock), RemoteFeatured.Options.DEFAULT);
        remoteAccounts.afterStore(remoteFeatured::refreshLater);
        // Signed GETs (authorized fetch) are verified exactly as inbox POSTs are, with the same keys.
        this.signatures = new SignatureCheck(new SignatureVerifier(clock),
                new FetchingKeyResolver(db, accounts, remoteAccounts), config.domain(), clock);
        this.remoteHosts = new RemoteHostRepository(clock);
        this.unavailableHosts = new UnavailableHosts(vertx, db, remoteHosts, Duration.ofMinutes(1));
        RemotePosts posts = new RemotePosts() {
            @Override
            public void fetchParentsLater(String childUri) {
                remoteStatuses.fetchParentsLater(childUri);
            }

            @Override
            public Future<?> resolve(String uri) {
                return remoteStatuses.resolve(uri);
            }

            @Override
            public void readPinsLater(Account account, String featuredUrl) {
                remoteFeatured.refreshLater(account, featuredUrl);
            }

            @Override
            public void refetchActorLater(Account account) {
                // Storing it reads its pins (RemoteAccounts.afterStore).
                remoteAccounts.refresh(account.uri());
            }
        };
        this.inbox = new InboxProcessor(new InboxProcessor.Deps(vertx, db, events, reader, signatures, clock, accounts,
                new ReceivedActivityRepository(clock), new InboundFollows(followRepo, blocks, outbox, ids), posts,
                unavailableHosts, statusIds));
        this.deliveryWorker = new DeliveryWorker(vertx, db, deliveries, remoteHosts, unavailableHosts, accounts,
                poster, clock,
                new SecureRandom(), DeliveryWorker.Options.DEFAULT.withLease(config.deliveryLease()));
        this.accountSearch = new AccountSearch(db, accounts, remoteAccounts::resolve, config.domain());
        this.fetchAccess = config.authorizedFetch()
                ? new SignedFetchAccess(signatures,
                        (owner, signer) -> follows.relationship(owner, signer).map(Relationship::blocking))
                : FetchAccess.open();
    }

    /** Guarded outbound HTTP: the fetcher (signed GETs) and the WebFinger client. */
    public Outbound outbound() {
        return outbound;
    }

    /** Remote actors by handle or URL, stored and refreshed daily. */
    public RemoteAccounts remoteAccounts() {
        return remoteAccounts;
    }

    /** Remote posts by id or URL: stored, or fetched with their missing parents (replies, search, boosts). */
    public RemoteStatuses remoteStatuses() {
        return remoteStatuses;
    }

    /** Remote actors' pinned posts, read from their featured collections in the background. */
    public RemoteFeatured remoteFeatured() {
        return remoteFeatured;
    }

    /** Signed POSTs of activities to remote inboxes, with the per-host signature style. */
    public SignedPoster poster() {
        return poster;
    }

    public FollowService follows() {
        return follows;
    }

    public FollowLists followLists() {
        return followLists;
    }

    public InboxProcessor inbox() {
        return inbox;
    }

    public DeliveryRepository deliveries() {
        return deliveries;
    }

    /** Accounts by handle or URL, resolved over the network when asked. */
    public AccountSearch accountSearch() {
        return accountSearch;
    }

    /** Who may read full actor documents and collections ({@code CHORUS_AUTHORIZED_FETCH}). */
    public FetchAccess fetchAccess() {
        return fetchAccess;
    }

    /** The durable outbox: activities written to the delivery queue in the caller's transaction. */
    public DeliveryOutbox outbox() {
        return outbox;
    }

    /** Who signed a request (inbox POSTs and signed GETs alike). */
    public SignatureCheck signatures() {
        return signatures;
    }

    public DeliveryWorker deliveryWorker() {
        return deliveryWorker;
    }

    /** Hosts that get no deliveries, in memory; a signed request from one revives it. */
    public UnavailableHosts unavailableHosts() {
        return unavailableHosts;
    }

    /** Delivery health per remote host: gone and unavailable hosts get no deliveries. */
    public RemoteHostRepository remoteHosts() {
        return remoteHosts;
    }

    private void wakeDeliveries() {
        deliveryWorker.wake();
    }

    @Override
    public void close() {
        deliveryWorker.stop();
        unavailableHosts.stop();
        outbound.close();
    }
}
