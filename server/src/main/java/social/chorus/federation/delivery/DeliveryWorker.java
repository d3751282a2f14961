package social.chorus.federation.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
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

/**
 * Sends queued deliveries: claims due jobs (skipping rows another process holds), signs each
 * with its sender's key at send time, POSTs, and records the outcome through {@link RetryPolicy}.
 * Polls on a timer; a job whose worker died becomes due again when its lease ends.
 */
public final class DeliveryWorker {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    /** Batch size, poll interval and the lease a claimed job is hidden from other workers. */
    public record Options(int batch, Duration pollInterval, Duration lease) {
        public static final Options DEFAULT = new Options(50, Duration.ofSeconds(1), Duration.ofMinutes(2));
    }

    private final Vertx vertx;
    private final Db db;
    private final DeliveryRepository deliveries;
    private final AccountRepository accounts;
    private final SignedPoster poster;
    private final RetryPolicy policy = new RetryPolicy();
    private final Clock clock;
    private final Random jitter;
    private final Options options;
    // Decoding a PEM private key costs more than the signature; keep the busiest senders' keys.
    private final Map<Long, SigningKey> keyCache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, SigningKey> eldest) {
                    return size() > 1000;
                }
            });
    private long timerId = -1;
    private boolean running;

    public DeliveryWorker(Vertx vertx, Db db, DeliveryRepository deliveries, AccountRepository accounts,
            SignedPoster poster, Clock clock, Random jitter, Options options) {
        this.vertx = vertx;
        this.db = db;
        this.deliveries = deliveries;
        this.accounts = accounts;
        this.poster = poster;
        this.clock = clock;
        this.jitter = jitter;
        this.options = options;
    }

    public void start() {
        timerId = vertx.setPeriodic(options.pollInterval().toMillis(), id -> {
            if (!running) {
                running = true;
                runOnce().onComplete(done -> running = false);
            }
        });
    }

    public void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Claims one batch and settles every job in it; the count of jobs handled. */
    public Future<Integer> runOnce() {
        return db.tx(tx -> deliveries.claimDue(tx, options.batch(), options.lease())).compose(jobs -> {
            List<Future<Void>> sends = new ArrayList<>();
            for (Job job : jobs) {
                sends.add(send(job).recover(e -> {
                    log.warn("Delivery {} to {} could not be settled: {}", job.activityUri(), job.inboxUrl(),
                            e.toString());
                    return Future.succeededFuture();
                }));
            }
            return Future.join(sends).map(done -> jobs.size());
        });
    }

    private Future<Void> send(Job job) {
        return signingKey(job.senderAccountId())
                .compose(key -> poster.post(job.inboxUrl(), job.payload().getBytes(StandardCharsets.UTF_8), key))
                .map(result -> new RetryPolicy.Attempt(job.attempts(), Optional.of(result.status()),
                        result.retryAfter().map(at -> Duration.between(clock.instant(), at))))
                .recover(e -> {
                    log.debug("Delivery {} to {} failed: {}", job.activityUri(), job.inboxUrl(), e.getMessage());
                    return Future.succeededFuture(RetryPolicy.Attempt.unanswered(job.attempts()));
                })
                .compose(attempt -> settle(job, attempt));
    }

    private Future<Void> settle(Job job, RetryPolicy.Attempt attempt) {
        RetryPolicy.Decision decision = policy.decide(attempt, jitter.nextDouble());
        Integer status = attempt.status().orElse(null);
        return db.tx(tx -> {
            if (decision instanceof RetryPolicy.RetryIn retry) {
                deliveries.scheduleRetry(tx, job.id(), clock.instant().plus(retry.delay()), status,
                        status == null ? "no answer" : "HTTP " + status);
            } else if (decision instanceof RetryPolicy.GiveUp giveUp) {
                deliveries.markFailed(tx, job.id(), status, giveUp.why());
                log.info("Delivery of {} to {} given up: {}", job.activityUri(), job.inboxUrl(), giveUp.why());
            } else {
                deliveries.markDone(tx, job.id(), status);
            }
            return null;
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
