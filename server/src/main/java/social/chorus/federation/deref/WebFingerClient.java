package social.chorus.federation.deref;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves {@code user@host} to an ActivityPub actor URL through
 * {@code /.well-known/webfinger?resource=acct:user@host} (RFC 7033), over https (plain http only
 * in development mode, where test instances listen on localhost ports).
 *
 * <p>Subject check: a JRD whose subject is the handle asked for (case aside) is taken as is. When
 * the subject names another host (a server whose WebFinger domain differs from its web domain,
 * e.g. {@code acct:alice@example.com} served by {@code social.example.com}), that host is asked
 * in turn and must confirm the same subject and actor: a server may not speak for accounts of
 * another domain unconfirmed. One such hop at most.
 */
public final class WebFingerClient {
    static final String PROFILE_PAGE = "http://webfinger.net/rel/profile-page";

    private final HttpFetcher fetcher;

    public WebFingerClient(HttpFetcher fetcher) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    /** Fails with {@link WebFingerException} or, for transport problems, {@link FetchException}. */
    public Future<WebFingerResult> resolve(String handleText) {
        Handle asked;
        try {
            asked = Handle.parse(handleText);
        } catch (WebFingerException e) {
            return Future.failedFuture(e);
        }
        return lookup(asked).compose(first -> {
            if (first.subject().sameAs(asked) || first.subject().host().equalsIgnoreCase(asked.host())) {
                return Future.succeededFuture(first);
            }
            return lookup(first.subject()).compose(confirmed -> {
                if (confirmed.subject().sameAs(first.subject()) && confirmed.actorId().equals(first.actorId())) {
                    return Future.succeededFuture(confirmed);
                }
                return Future.failedFuture(new WebFingerException(WebFingerException.Reason.SUBJECT_MISMATCH,
                        asked.host() + " names " + LogSafe.clip(first.subject().toString())
                                + " for " + asked + ", and that account's server does not confirm it"));
            });
        });
    }

    private Future<WebFingerResult> lookup(Handle handle) {
        String scheme = fetcher.http().guard().policy().wellKnownScheme();
        FetchRequest request;
        try {
            request = new FetchRequest(OutboundUrl.parse(scheme + "://" + handle.host() + "/.well-known/webfinger?resource="
                    + URLEncoder.encode(handle.acct(), StandardCharsets.UTF_8)), MediaExpectation.JRD, Optional.empty());
        } catch (FetchException e) {
            return Future.failedFuture(e);
        }
        return fetcher.get(request)
                .recover(e -> Future.failedFuture(e instanceof FetchException f && f.gone()
                        ? new WebFingerException(WebFingerException.Reason.NOT_FOUND, "no account " + handle)
                        : e))
                .compose(resp -> {
                    try {
                        return Future.succeededFuture(parse(resp.body().toString(StandardCharsets.UTF_8), handle));
                    } catch (WebFingerException e) {
                        return Future.failedFuture(e);
                    }
                });
    }

    /** Reads a JRD; the subject defaults to the handle asked for when the server leaves it out. */
    static WebFingerResult parse(String json, Handle asked) {
        JsonObject jrd;
        try {
            jrd = new JsonObject(json);
        } catch (DecodeException | ClassCastException e) {
            throw malformed(asked, "not a JSON object");
        }
        Handle subject = asked;
        Object s = jrd.getValue("subject");
        if (s instanceof String text && text.regionMatches(true, 0, "acct:", 0, 5)) {
            try {
                subject = Handle.parse(text);
            } catch (WebFingerException e) {
                throw malformed(asked, "its subject is not an acct: URI");
            }
        }
        Object links = jrd.getValue("links");
        if (links != null && !(links instanceof JsonArray)) {
            throw malformed(asked, "links is not an array");
        }
        String self = null;
        String profile = null;
        for (Object o : links == null ? new JsonArray() : (JsonArray) links) {
            if (!(o instanceof JsonObject link) || !(link.getValue("rel") instanceof String rel)) {
                continue;
            }
            Object href = link.getValue("href");
            Object type = link.getValue("type");
            if (self == null && rel.equals("self") && type instanceof String t && MediaExpectation.isActivityJson(t)) {
                if (!(href instanceof String h) || !isHttpUrl(h)) {
                    throw malformed(asked, "its self link is not an http(s) URL");
                }
                self = h;
            } else if (profile == null && rel.equals(PROFILE_PAGE) && href instanceof String h && isHttpUrl(h)) {
                profile = h;
            }
        }
        if (self == null) {
            throw new WebFingerException(WebFingerException.Reason.NO_SELF_LINK,
                    "the WebFinger answer for " + asked + " has no ActivityPub self link");
        }
        return new WebFingerResult(subject, self, Optional.ofNullable(profile));
    }

    private static boolean isHttpUrl(String url) {
        try {
            OutboundUrl.parse(url);
            return true;
        } catch (FetchException e) {
            return false;
        }
    }

    private static WebFingerException malformed(Handle asked, String why) {
        return new WebFingerException(WebFingerException.Reason.MALFORMED_JRD,
                "the WebFinger answer for " + asked + " is malformed: " + why);
    }
}
