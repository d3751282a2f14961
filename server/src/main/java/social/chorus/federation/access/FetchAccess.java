package social.chorus.federation.access;

import io.vertx.core.Future;
import java.util.Optional;
import social.chorus.federation.convert.AccountToAs;
import social.chorus.federation.discovery.ActorAccessPolicy;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.model.Account;

/**
 * Who may read a local actor's full document and its collections: everyone
 * ({@link #open()}, the default) or, under authorized fetch ({@code CHORUS_AUTHORIZED_FETCH=true},
 * {@link SignedFetchAccess}), only requests signed by an actor the owner does not block.
 */
public interface FetchAccess {

    /** What a GET may see, and why. */
    record Decision(Verdict verdict, Optional<Account> signer, String reason) {
        public enum Verdict {
            /** Authorized fetch is off: no signature was looked at. */
            OPEN,
            /** A valid signature from an actor the owner does not block. */
            SIGNED,
            /** No signature, or one that does not verify (the reason says which). */
            UNSIGNED,
            /** A valid signature from an actor the owner blocks. */
            BLOCKED
        }

        public static Decision open() {
            return new Decision(Verdict.OPEN, Optional.empty(), "authorized fetch is off");
        }

        public boolean allowed() {
            return verdict == Verdict.OPEN || verdict == Verdict.SIGNED;
        }
    }

    /** Whether requests must be signed; when false, {@link #decide} always answers {@link Decision#open()}. */
    boolean required();

    /**
     * @param request the GET as received, with the scheme of the instance's public URL
     * @param owner the local actor whose document or collection is asked for
     */
    Future<Decision> decide(HttpRequestView request, Account owner);

    /** Everything public, without looking at signatures: the behaviour without authorized fetch. */
    static FetchAccess open() {
        return new FetchAccess() {
            @Override
            public boolean required() {
                return false;
            }

            @Override
            public Future<Decision> decide(HttpRequestView request, Account owner) {
                return Future.succeededFuture(Decision.open());
            }
        };
    }

    /**
     * The actor-document side: the full document when allowed, otherwise the key-only view (other
     * servers fetch keys unsigned). The instance actor is always served whole, because remote
     * servers must fetch its key to verify the very signed GETs that authorized fetch asks of them,
     * and some of them would sign that fetch with a key we then had to fetch in turn.
     */
    static ActorAccessPolicy actorPolicy(FetchAccess access, String instanceActorUri) {
        if (!access.required()) {
            return ActorAccessPolicy.allowAll();
        }
        return new ActorAccessPolicy() {
            @Override
            public Future<AccountToAs.View> decide(HttpRequestView request, Account actor) {
                if (actor.uri().equals(instanceActorUri)) {
                    return Future.succeededFuture(AccountToAs.View.FULL);
                }
                return access.decide(request, actor)
                        .map(d -> d.allowed() ? AccountToAs.View.FULL : AccountToAs.View.KEY_ONLY);
            }

            @Override
            public boolean dependsOnSignature() {
                return true;
            }
        };
    }
}
