package social.chorus.federation.access;

import io.vertx.core.Future;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.federation.access.FetchAccess.Decision.Verdict;
import social.chorus.federation.inbox.InboxException;
import social.chorus.federation.inbox.SignatureCheck;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.model.Account;

/**
 * Authorized fetch: a GET must carry an HTTP signature that verifies against the key of a known
 * or fetchable actor, checked exactly as the inbox checks POSTs ({@link SignatureCheck}: stored
 * key first, one refetch on failure, the same ±1 hour window, the SSRF-guarded fetcher). A
 * signer the owner blocks is refused too. Refusals are decisions, not failures: only trouble on
 * our side (the database) fails the future.
 */
public final class SignedFetchAccess implements FetchAccess {
    private static final Logger log = LoggerFactory.getLogger(SignedFetchAccess.class);

    /** Whether {@code owner} blocks {@code signer}, both account ids. */
    @FunctionalInterface
    public interface BlockCheck {
        Future<Boolean> blocks(long ownerId, long signerId);
    }

    private final SignatureCheck signatures;
    private final BlockCheck blocks;

    public SignedFetchAccess(SignatureCheck signatures, BlockCheck blocks) {
        this.signatures = signatures;
        this.blocks = blocks;
    }

    @Override
    public boolean required() {
        return true;
    }

    @Override
    public Future<Decision> decide(HttpRequestView request, Account owner) {
        if (!request.headers().contains("signature") && !request.headers().contains("signature-input")) {
            // The common case (browsers, key fetches): no parsing, no database.
            return Future.succeededFuture(new Decision(Verdict.UNSIGNED, Optional.empty(), "request not signed"));
        }
        return signatures.signer(request)
                .compose(signer -> blocks.blocks(owner.id(), signer.id()).map(blocked -> blocked
                        ? new Decision(Verdict.BLOCKED, Optional.of(signer), signer.uri() + " is blocked")
                        : new Decision(Verdict.SIGNED, Optional.of(signer), "signed by " + signer.uri())))
                .recover(e -> {
                    if (e instanceof InboxException refused) {
                        log.debug("Signed GET {} refused: {}", request.target(), refused.getMessage());
                        return Future.succeededFuture(
                                new Decision(Verdict.UNSIGNED, Optional.empty(), refused.getMessage()));
                    }
                    return Future.failedFuture(e);
                });
    }
}
