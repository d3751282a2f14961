package social.chorus.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import social.chorus.process.event.Events;
import social.chorus.federation.deref.HostBlocks;
import social.chorus.federation.deref.Outbound;
import social.chorus.federation.deref.OutboundOptions;
import social.chorus.federation.deref.OutboundPolicy;
import social.chorus.federation.deref.RemoteAccounts;
import social.chorus.federation.deref.RemoteActorResolver;
import social.chorus.federation.deref.RemoteFeatured;
import social.chorus.federation.deref.RemoteNoteStore;
import social.chorus.federation.deref.RemoteStatuses;
import social.chorus.federation.sig.SigningKey;
import social.chorus.federation.vocab.JsonLdReader;
import social.chorus.process.status.StatusIds;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;
import social.chorus.storage.PinRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.MediaAttachmentRepository;
import social.chorus.storage.TombstoneRepository;

/**
 * The fetching side of one instance as the server wires it (outbound HTTP, remote actors, remote
 * posts), over a test's database, with the policy, blocks and instance key the test chooses.
 */
public final class FetchingSide implements AutoCloseable {
    public final Outbound outbound;
    public final RemoteAccounts accounts;
    public final RemoteStatuses statuses;
    public final RemoteFeatured featured;

    public FetchingSide(Vertx vertx, Db db, OutboundPolicy policy, HostBlocks blocks, String localDomain,
            SigningKey instanceKey, Clock clock) {
        this(vertx, db, policy, blocks, localDomain, instanceKey, clock, RemoteStatuses.Options.DEFAULT);
    }

    public FetchingSide(Vertx vertx, Db db, OutboundPolicy policy, HostBlocks blocks, String localDomain,
            SigningKey instanceKey, Clock clock, RemoteStatuses.Options options) {
        // Tests read one account's pins again and again: without the server's per-account bound.
        this(vertx, db, policy, blocks, localDomain, instanceKey, clock, options,
                RemoteFeatured.Options.DEFAULT.unthrottled());
    }

    public FetchingSide(Vertx vertx, Db db, OutboundPolicy policy, HostBlocks blocks, String localDomain,
            SigningKey instanceKey, Clock clock, RemoteStatuses.Options options,
            RemoteFeatured.Options featuredOptions) {
        this.outbound = Outbound.create(vertx, policy,
                new OutboundOptions(Duration.ofSeconds(5), OutboundOptions.ONE_MIB, 3, "Chorus/test"), clock);
        JsonLdReader reader = new JsonLdReader();
        AccountRepository accountRepo = new AccountRepository(clock);
        StatusRepository statusRepo = new StatusRepository(clock);
        RemoteActorResolver resolver = new RemoteActorResolver(vertx, outbound.fetcher(), outbound.webFinger(),
                reader, () -> Future.succeededFuture(instanceKey));
        this.accounts = new RemoteAccounts(resolver, db, accountRepo, clock, RemoteAccounts.DEFAULT_MAX_AGE,
                localDomain);
        RemoteNoteStore store = new RemoteNoteStore(accountRepo, statusRepo, new TombstoneRepository(clock),
                new MediaAttachmentRepository(), new StatusIds(clock, new SecureRandom())::next, clock);
        this.statuses = new RemoteStatuses(new RemoteStatuses.Deps(vertx, db, Events.none(db), outbound.fetcher(), reader,
                () -> Future.succeededFuture(instanceKey), accounts::resolve, store, statusRepo, blocks, localDomain),
                options);
        this.featured = new RemoteFeatured(new RemoteFeatured.Deps(vertx, db, outbound.fetcher(), reader,
                () -> Future.succeededFuture(instanceKey), statuses, new PinRepository(clock), blocks, clock),
                featuredOptions);
        accounts.afterStore(featured::refreshLater);
    }

    /** Completes when every background fetch started so far (parents, pins) has ended. */
    public Future<Void> settled() {
        return featured.settled().compose(v -> statuses.settled());
    }

    @Override
    public void close() {
        outbound.close();
    }
}
