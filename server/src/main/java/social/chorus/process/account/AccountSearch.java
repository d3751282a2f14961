package social.chorus.process.account;

import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import social.chorus.model.Account;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;

/**
 * Finds accounts for a search box: {@code @user@host}, {@code user@host} or a profile URL, looked
 * up in storage and, when the caller asks to resolve, fetched from the account's server.
 */
public final class AccountSearch {
    private final Db db;
    private final AccountRepository accounts;
    private final Function<String, Future<Account>> remoteResolver;
    private final String localDomain;

    /** @param remoteResolver resolves a handle or URL over the network (WebFinger, signed fetch) and stores it */
    public AccountSearch(Db db, AccountRepository accounts, Function<String, Future<Account>> remoteResolver,
            String localDomain) {
        this.db = db;
        this.accounts = accounts;
        this.remoteResolver = remoteResolver;
        this.localDomain = localDomain;
    }

    public Future<List<Account>> search(String query, boolean resolve) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        Optional<String[]> handle = handle(q);
        if (handle.isEmpty() && !q.startsWith("https://") && !q.startsWith("http://")) {
            return db.read(dsl -> accounts.findByUsername(dsl, q.toLowerCase(Locale.ROOT), "").map(List::of)
                    .orElse(List.of()));
        }
        Future<Optional<Account>> stored = db.read(dsl -> handle
                .map(h -> accounts.findByUsername(dsl, h[0], h[1].equals(localDomain) ? "" : h[1]))
                .orElseGet(() -> accounts.findByUri(dsl, q)));
        return stored.compose(found -> {
            if (found.isPresent() || !resolve) {
                return Future.succeededFuture(found.map(List::of).orElse(List.of()));
            }
            // A search that finds nothing remote is an empty result, not an error, as in Mastodon.
            return remoteResolver.apply(q).map(List::of).otherwise(e -> List.of());
        });
    }

    private static Optional<String[]> handle(String q) {
        String h = q.startsWith("@") ? q.substring(1) : q.startsWith("acct:") ? q.substring(5) : q;
        int at = h.indexOf('@');
        if (at <= 0 || at == h.length() - 1 || h.indexOf('@', at + 1) >= 0 || h.contains("/")) {
            return Optional.empty();
        }
        return Optional.of(new String[] {h.substring(0, at), h.substring(at + 1).toLowerCase(Locale.ROOT)});
    }
}
