package social.chorus.federation.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.federation.sig.Pem;
import social.chorus.federation.sig.SigningKey;
import social.chorus.model.Account;
import social.chorus.model.LocalKeys;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;
import social.chorus.storage.DeliveryRepository;
import social.chorus.storage.DeliveryRepository.Job;
import social.chorus.storage.RemoteHostRepository;
import social.chorus.storage.RemoteHostRepository.HostState;

/**
 * Sends queued deliveries: claims due jobs (skipping rows another process holds), signs each
 * with its sender's key at send time (on a worker thread), POSTs, and records the outcome through
 * {@link RetryPolicy}; delivered jobs are marked done in groups ({@link DoneMarks}). A
 * {@link DeliveryPump} keeps several batches in flight, woken by a timer and by newly queued jobs.
 * A job whose worker died becomes due again when its lease ends.
 *
 * <p>Per host, three guards decide whether a claimed job is sent:
 * <ul>
 *   <li>{@link HostHealth} (durable, shared by all processes): a host gone or unavailable (failures on
 *       7 distinct days) gets nothing; its jobs are marked failed with the reason, as Mastodon drops
 *       them. Failures counted are "no answer" and 5xx; any 2xx revives the host.</li>
 *   <li>{@link CircuitBreaker} (in memory): a host failing fast right now is paused; its jobs are
 *       given back, due when the pause ends, without using up an attempt.</li>
 *   <li>a cap on in-flight POSTs per host in this process: a batch's jobs for one host go out in
 *       lanes of up to {@value #WAVES} jobs, each lane sending in turn; at most {@code perHostCap}
 *       lanes of a host run at once and the others wait in this process for a slot
 *       ({@link HostLanes}); a lane that waited half its lease is given back, due shortly, without
 *       using up an attempt.</li>
 * </ul>
 */
public final class DeliveryWorker {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /**
     * Jobs of one host per lane and batch. A lane sends in turn, each send taking at most two
     * timeouts (the double knock), so three stay well inside the default 2-minute lease. A shorter
     * lease (a setting, for tests) can end while a slow lane still sends: the job is then claimed
     * again and may arrive twice, which at-least-once delivery allows, but it is never lost.
     */
    static final int WAVES = 3;

    /**
     * Batch size, poll interval, the lease a claimed job is hidden from other workers, the cap on
     * in-flight POSTs per host, how soon a job over that cap is due again, and the breaker's limits.
     */
    public record Options(int batch, Duration pollInterval, Duration lease, int perHostCap, Duration busyRetry,
            CircuitBreaker.Options breaker) {
        public static final Options DEFAULT = new Options(50, Duration.ofSeconds(1), Duration.ofMinutes(2), 4,
                Duration.ofSeconds(2), CircuitBreaker.Options.DEFAULT);

        /** The same with another lease ({@code CHORUS_DELIVERY_LEASE_SECONDS}). */
        public Options withLease(Duration newLease) {
            return new Options(batch, pollInterval, newLease, perHostCap, busyRetry, breaker);
        }
    }

    /**
     * The jobs of one claim that are to be sent, how many were claimed in all, and, for an empty
     * claim, whether due jobs were there all the same (held by other transactions, which
     * {@code SKIP LOCKED} passes over).
     */
    record Claimed(List<Job> jobs, int total, boolean dueButHeld) {
    }

    private final Vertx vertx;
    private final Db db;
    private final DeliveryRepository deliveries;
    private final RemoteHostRepository hosts;
    private final UnavailableHosts unavailable;
    private final AccountRepository accounts;
    private final SignedPoster poster;
    private final RetryPolicy policy = new RetryPolicy();
    private final Clock clock;
    private final Random jitter;
    private final Options options;
    private final CircuitBreaker breaker;
    private final HostLanes lanes;
    // The day a failure was last written per host: the count is of distinct days, so one write a day is enough.
    private final Map<String, LocalDate> failureNoted = Collections.synchronizedMap(new HashMap<>());
    // Decoding a PEM private key costs more than the signature; keep the busiest senders' keys.
    private final Map<Long, SigningKey> keyCache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, SigningKey> eldest) {
                    return size() > 1000;
                }
            });
    private final DeliveryPump pump;
    private final DoneMarks doneMarks;

    public DeliveryWorker(Vertx vertx, Db db, DeliveryRepository deliveries, RemoteHostRepository hosts,
            UnavailableHosts unavailable, AccountRepository accounts, SignedPoster poster, Clock clock,
            Random jitter, Options options) {
        this.vertx = vertx;
        this.db = db;
        this.deliveries = deliveries;
        this.hosts = hosts;
        this.unavailable = unavailable;
        this.accounts = accounts;
        this.poster = poster;
        this.clock = clock;
        this.jitter = jitter;
        this.options = options;
        this.breaker = new CircuitBreaker(clock, options.breaker());
        this.lanes = new HostLanes(new HostSlots(options.perHostCap()), clock, this::sendInTurn);
        this.pump = new DeliveryPump(vertx, this, options.batch(), options.pollInterval());
        this.doneMarks = new DoneMarks(db, deliveries, hosts);
    }

    /** Starts sending: claims whenever this process has room, on every tick and when woken. */
    public void start() {
        pump.start();
    }

    public void stop() {
        pump.stop();
    }

    /** Jobs were just committed in this process: look for them now rather than at the next tick. */
    public void wake() {
        pump.wake();
    }

    /** How many of the started worker's claims have finished (its first look is one). */
    int claimsFinished() {
        return pump.claimsFinished();
    }

    /** Claims one batch and settles every job in it; the count of jobs claimed. */
    public Future<Integer> runOnce() {
        return claim(options.batch()).compose(claimed -> dispatch(claimed, n -> { }).map(claimed.total()));
    }

    /** Claims up to {@code limit} due jobs (those of unavailable hosts are failed at once). */
    Future<Claimed> claim(int limit) {
        return db.tx(tx -> claim(tx, limit));
    }

    /**
     * Sends the claimed jobs, per host in lanes, and settles each; {@code settled} hears how many
     * jobs are finished (sent and recorded, or given back) as parts complete.
     */
    Future<Void> dispatch(Claimed claimed, IntConsumer settled) {
        Instant now = clock.instant();
        Map<Instant, List<Long>> giveBack = new HashMap<>();
        Map<String, List<Job>> byHost = new LinkedHashMap<>();
        for (Job job : claimed.jobs()) {
            String host = DeliveryHost.of(job.inboxUrl());
            Optional<Instant> paused = breaker.openUntil(host);
            if (paused.isPresent()) {
                giveBack.computeIfAbsent(paused.get(), at -> new ArrayList<>()).add(job.id());
            } else {
                byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(job);
            }
        }
        List<Future<Void>> sends = new ArrayList<>();
        Instant busyUntil = now.plus(options.busyRetry());
        Instant laneDeadline = now.plus(options.lease().dividedBy(2));
        byHost.forEach((host, jobs) -> {
            // As many lanes as the cap allows, more when the jobs would not fit in WAVES each; each
            // lane sends in turn. Up to perHostCap lanes of a host run at once and the others wait
            // for a slot (see HostLanes); a lane that waited too long is given back to the queue.
            // A few jobs get a lane each, so none waits behind a slow answer to another.
            int laneCount = Math.max(Math.min(options.perHostCap(), jobs.size()), (jobs.size() + WAVES - 1) / WAVES);
            List<List<Job>> laneJobs = new ArrayList<>();
            for (int i = 0; i < laneCount; i++) {
                laneJobs.add(new ArrayList<>());
            }
            for (int i = 0; i < jobs.size(); i++) {
                laneJobs.get(i % laneCount).add(jobs.get(i));
            }
            for (List<Job> lane : laneJobs) {
                sends.add(lanes.run(host, lane, laneDeadline)
                        .compose(sent -> sent ? Future.<Void>succeededFuture()
                                : giveBack(Map.of(busyUntil, lane.stream().map(Job::id).toList())))
                        .andThen(done -> settled.accept(lane.size())));
            }
        });
        if (!giveBack.isEmpty()) {
            int count = giveBack.values().stream().mapToInt(List::size).sum();
            sends.add(giveBack(giveBack).andThen(done -> settled.accept(count)));
        }
        return Future.join(sends).mapEmpty();
    }

    /** Sends a lane's jobs one after another; once the host's breaker opens, the rest are given back. */
    private Future<Void> sendInTurn(List<Job> lane, String host) {
        Future<Void> chain = Future.succeededFuture();
        for (Job job : lane) {
            chain = chain.compose(v -> {
                Optional<Instant> paused = breaker.openUntil(host);
                if (paused.isPresent()) {
                    return giveBack(Map.of(paused.get(), List.of(job.id())));
                }
                return send(job, host).recover(e -> {
                    log.warn("Delivery {} to {} could not be settled: {}", job.activityUri(), job.inboxUrl(),
                            e.toString());
                    return Future.succeededFuture();
                });
            });
        }
        return chain;
    }

    /** Puts claimed jobs back, due at the given times, without counting the attempt. */
    private Future<Void> giveBack(Map<Instant, List<Long>> jobs) {
        return db.tx(tx -> {
            jobs.forEach((at, ids) -> deliveries.release(tx, ids, at));
            return (Void) null;
        }).recover(e -> {
            // Still leased: they come back when the lease ends.
            log.warn("Could not requeue {} deliveries: {}", jobs.size(), e.toString());
            return Future.succeededFuture();
        });
    }

    /** Claims due jobs and, in the same transaction, fails those whose host is gone or unavailable. */
    private Claimed claim(org.jooq.DSLContext tx, int limit) {
        List<Job> jobs = deliveries.claimDue(tx, limit, options.lease());
        if (jobs.isEmpty()) {
            return new Claimed(jobs, 0, deliveries.anyDue(tx));
        }
        Set<String> hostNames = new HashSet<>();
        jobs.forEach(job -> hostNames.add(DeliveryHost.of(job.inboxUrl())));
        Map<String, HostState> down = hosts.unavailable(tx, hostNames);
        if (down.isEmpty()) {
            return new Claimed(jobs, jobs.size(), false);
        }
        unavailable.markedDown(down.keySet());
        List<Job> sendable = new ArrayList<>();
        for (Job job : jobs) {
            HostState state = down.get(DeliveryHost.of(job.inboxUrl()));
            if (state == null) {
                sendable.add(job);
            } else {
                deliveries.markFailed(tx, job.id(), null, HostHealth.whyUnavailable(state));
            }
        }
        if (sendable.size() < jobs.size()) {
            log.info("{} deliveries not sent: {}", jobs.size() - sendable.size(), down.keySet());
        }
        return new Claimed(sendable, jobs.size(), false);
    }

    private Future<Void> send(Job job, String host) {
        return signingKey(job.senderAccountId())
                .compose(key -> poster.post(job.inboxUrl(), job.payload().getBytes(StandardCharsets.UTF_8), key)
                        .map(result -> {
                            breaker.answered(host);
                            return new RetryPolicy.Attempt(job.attempts(), Optional.of(result.status()),
                                    result.retryAfter().map(at -> Duration.between(clock.instant(), at)));
                        })
                        .recover(e -> {
                            log.debug("Delivery {} to {} failed: {}", job.activityUri(), job.inboxUrl(),
                                    e.getMessage());
                            breaker.failure(host);
                            return Future.succeededFuture(RetryPolicy.Attempt.unanswered(job.attempts()));
                        }))
                .compose(attempt -> settle(job, host, attempt));
    }

    private Future<Void> settle(Job job, String host, RetryPolicy.Attempt attempt) {
        RetryPolicy.Decision decision = policy.decide(attempt, jitter.nextDouble());
        Integer status = attempt.status().orElse(null);
        if (decision instanceof RetryPolicy.Done) {
            failureNoted.remove(host);
            return doneMarks.add(job.id(), status, host).onSuccess(v -> unavailable.markedUp(host));
        }
        Future<Void> settled = db.tx(tx -> {
            if (decision instanceof RetryPolicy.RetryIn retry) {
                deliveries.scheduleRetry(tx, job.id(), clock.instant().plus(retry.delay()), status,
                        status == null ? "no answer" : "HTTP " + status);
            } else if (decision instanceof RetryPolicy.GiveUp giveUp) {
                deliveries.markFailed(tx, job.id(), status, giveUp.why());
                log.info("Delivery of {} to {} given up: {}", job.activityUri(), job.inboxUrl(), giveUp.why());
            }
            return null;
        });
        return settled.compose(v -> noteHostFailure(job, host, status));
    }

    /**
     * Counts a failure against the host (no answer or 5xx; other answers show the host is up), or
     * marks it gone on a 410 from its shared inbox. Its own transaction: trouble here never undoes
     * the job's outcome.
     */
    private Future<Void> noteHostFailure(Job job, String host, Integer status) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        boolean gone = status != null && status == 410;
        boolean failed = status == null || status >= 500;
        if (!gone && (!failed || today.equals(failureNoted.get(host)))) {
            return Future.succeededFuture();
        }
        return db.tx(tx -> {
            if (gone) {
                if (hosts.isSharedInbox(tx, job.inboxUrl())) {
                    hosts.update(tx, host, s -> HostHealth.afterGone(s, now));
                    unavailable.markedDown(List.of(host));
                    log.info("{} answered 410 Gone from its shared inbox: host marked gone", host);
                }
            } else {
                HostState s = hosts.update(tx, host, state -> HostHealth.afterFailure(state, now));
                if (!HostHealth.available(s)) {
                    unavailable.markedDown(List.of(host));
                    log.info("Deliveries to {} stop: {}", host, HostHealth.whyUnavailable(s));
                }
            }
            return (Void) null;
        }).onSuccess(v -> {
            if (!gone) {
                failureNoted.put(host, today);
            }
        }).recover(e -> {
            log.warn("Could not record a delivery failure for {}: {}", host, e.toString());
            return Future.succeededFuture();
        });
    }

    private Future<SigningKey> signingKey(long accountId) {
        SigningKey cached = keyCache.get(accountId);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        return db.read(dsl -> {
            Account account = accounts.findById(dsl, accountId).orElseThrow();
            LocalKeys keys = accounts.findLocalKeys(dsl, accountId).orElseThrow();
            return new SigningKey(account.publicKey().id(), Pem.decodePrivate(keys.rsaPrivatePem()));
        }).onSuccess(key -> keyCache.put(accountId, key));
    }
}
