package social.chorus.federation.delivery;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.federation.deref.Deadline;
import social.chorus.federation.deref.GuardedHttp;
import social.chorus.federation.deref.OutboundUrl;
import social.chorus.federation.sig.HttpHeaders;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.federation.sig.RequestSigner;
import social.chorus.federation.sig.SignatureStyle;
import social.chorus.federation.sig.SigningKey;

/**
 * POSTs one activity to one inbox, signed with the sending actor's key, and reports the answer.
 * Retries over time and the durable queue are the delivery queue's business, not this class's.
 *
 * <p><b>Signature style per origin ("double knock", as Fedify does it).</b> RFC 9421 is the
 * standard, but most of the fediverse still verifies only draft-cavage. To an origin whose style
 * is not known, the first attempt is signed with RFC 9421; if the answer is 400, 401 or 403 the
 * same activity is sent again at once, signed with draft-cavage. What the answers teach is kept
 * in a {@link SignatureStyleMemory}:
 * <ul>
 *   <li>a 2xx to an RFC 9421 attempt: the origin accepts RFC 9421;</li>
 *   <li>a cavage retry answered with anything but 400/401/403: the origin is cavage-only;</li>
 *   <li>both refused: nothing is learned (the problem is likely not the style, e.g. our key
 *       could not be fetched), so the next delivery knocks twice again.</li>
 * </ul>
 * Origins remembered as cavage-only get cavage directly. An origin remembered as RFC 9421 that
 * starts refusing gets the cavage retry too, so a downgraded server is relearned at once.
 *
 * <p>Each attempt has its own full timeout; the retry follows a fast refusal, so the total stays
 * close to one timeout in practice. Redirects are not followed (an inbox that redirects answers
 * with its 3xx status), and the same guard and https rule as for fetches apply.
 */
public final class SignedPoster {
    private static final Logger log = LoggerFactory.getLogger(SignedPoster.class);
    private static final Set<Integer> STYLE_REFUSED = Set.of(400, 401, 403);
    static final String ACTIVITY_JSON = "application/activity+json";

    private final GuardedHttp http;
    private final SignatureStyleMemory styles;
    private final Clock clock;
    private final RequestSigner rfc9421;
    private final RequestSigner cavage;

    public SignedPoster(GuardedHttp http, SignatureStyleMemory styles, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.styles = Objects.requireNonNull(styles, "styles");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rfc9421 = RequestSigner.of(SignatureStyle.RFC9421, clock);
        this.cavage = RequestSigner.of(SignatureStyle.CAVAGE, clock);
    }

    /**
     * Delivers {@code activityJson} to {@code inbox}. Fails with a
     * {@link social.chorus.federation.deref.FetchException} when no answer was obtained.
     */
    public Future<PostResult> post(String inbox, byte[] activityJson, SigningKey key) {
        OutboundUrl url;
        try {
            url = OutboundUrl.parse(inbox);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        String origin = url.authority();
        Optional<SignatureStyle> known = styles.known(origin);
        if (known.orElse(SignatureStyle.RFC9421) == SignatureStyle.CAVAGE) {
            return send(url, activityJson, key, SignatureStyle.CAVAGE).map(r -> result(r, SignatureStyle.CAVAGE, 1));
        }
        return send(url, activityJson, key, SignatureStyle.RFC9421).compose(first -> {
            if (first.status() >= 200 && first.status() <= 299) {
                if (known.isEmpty()) {
                    styles.remember(origin, SignatureStyle.RFC9421);
                }
                return Future.succeededFuture(result(first, SignatureStyle.RFC9421, 1));
            }
            if (!STYLE_REFUSED.contains(first.status())) {
                return Future.succeededFuture(result(first, SignatureStyle.RFC9421, 1));
            }
            return send(url, activityJson, key, SignatureStyle.CAVAGE).map(second -> {
                if (!STYLE_REFUSED.contains(second.status())) {
                    styles.remember(origin, SignatureStyle.CAVAGE);
                    log.debug("{} refused RFC 9421 ({}) and took draft-cavage ({}): remembered as cavage-only",
                            origin, first.status(), second.status());
                }
                return result(second, SignatureStyle.CAVAGE, 2);
            });
        });
    }

    private Future<GuardedHttp.Response> send(OutboundUrl url, byte[] body, SigningKey key, SignatureStyle style) {
        HttpHeaders headers = HttpHeaders.of(
                "Host", url.authority(),
                "Content-Type", ACTIVITY_JSON,
                "Accept", ACTIVITY_JSON,
                "User-Agent", http.options().userAgent());
        RequestSigner signer = style == SignatureStyle.RFC9421 ? rfc9421 : cavage;
        HttpRequestView view = HttpRequestView.outbound("POST", url.uri(), headers, body);
        // An RSA signature costs about a millisecond of CPU: on a worker thread, so that a fan-out
        // signs on every core while the event loop only moves bytes.
        return http.vertx().executeBlocking(() -> headers.replacingAll(signer.sign(view, key)), false)
                .compose(signed -> http.exchange(new GuardedHttp.Exchange(HttpMethod.POST, url, signed, body,
                        GuardedHttp.OverLimit.DISCARD), Deadline.after(http.options().timeout())));
    }

    private PostResult result(GuardedHttp.Response r, SignatureStyle style, int attempts) {
        return new PostResult(r.status(), RetryAfter.parse(r.headers().first("retry-after").orElse(null),
                clock.instant()), style, attempts);
    }
}
