package social.chorus.federation.discovery;

import io.vertx.core.Future;
import social.chorus.federation.convert.AccountToAs;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.model.Account;

/**
 * Decides how much of an actor document a GET may see: the one place where authorized fetch
 * (signed GETs required, issue 3 item 10) plugs in. Whatever it decides, it should never hide the
 * public key: remote servers fetch keys unsigned to verify our signatures, so a refused requester
 * gets {@link AccountToAs.View#KEY_ONLY}, not an error.
 */
@FunctionalInterface
public interface ActorAccessPolicy {
    /**
     * @param request the GET as received (method, target, headers; no body)
     * @param actor the local actor asked for
     */
    Future<AccountToAs.View> decide(HttpRequestView request, Account actor);

    /**
     * Whether the answer depends on the request's signature; if so, actor documents say
     * {@code Vary: Signature} so that no shared cache hands a signed requester's full document to
     * an unsigned one.
     */
    default boolean dependsOnSignature() {
        return false;
    }

    /** Everything is public: the behaviour without authorized fetch. */
    static ActorAccessPolicy allowAll() {
        return (request, actor) -> Future.succeededFuture(AccountToAs.View.FULL);
    }
}
