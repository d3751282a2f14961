package social.chorus.api.search;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import social.chorus.api.ApiAuth;
import social.chorus.api.ApiJson;
import social.chorus.api.ApiParams;
import social.chorus.api.accounts.AccountJson;
import social.chorus.api.statuses.StatusJson;
import social.chorus.http.RouteModule;
import social.chorus.model.Account;
import social.chorus.process.account.AccountSearch;
import social.chorus.process.auth.Caller;
import social.chorus.process.status.StatusSearch;

/**
 * {@code GET /api/v2/search}: accounts by handle or URL, statuses by URL (id or page), resolved
 * over the network only for a signed-in caller who asks ({@code resolve=true}), as Mastodon does.
 * {@code type} narrows to {@code accounts} or {@code statuses}; hashtags are not searched.
 */
public final class SearchRoutes implements RouteModule {
    private final AccountSearch accounts;
    private final StatusSearch statuses;
    private final ApiAuth auth;
    private final AccountJson accountJson;
    private final StatusJson statusJson;

    public SearchRoutes(AccountSearch accounts, StatusSearch statuses, ApiAuth auth, AccountJson accountJson,
            StatusJson statusJson) {
        this.accounts = accounts;
        this.statuses = statuses;
        this.auth = auth;
        this.accountJson = accountJson;
        this.statusJson = statusJson;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v2/search").handler(auth.ifPresent("read:search", "read:accounts")).handler(this::search);
    }

    private void search(RoutingContext ctx) {
        ApiParams p = ApiParams.query(ctx);
        String type = p.string("type").orElse("");
        String q = p.string("q").orElse("");
        Optional<Account> user = ApiAuth.optionalCaller(ctx).filter(c -> c.state() == Caller.UserState.ACTIVE)
                .flatMap(Caller::user);
        boolean resolve = p.bool("resolve").orElse(false) && user.isPresent();
        Long viewer = ApiAuth.optionalCaller(ctx).flatMap(Caller::user).map(Account::id).orElse(null);
        Future<StatusSearch.Result> foundStatuses = type.isEmpty() || type.equals("statuses")
                ? statuses.search(q, viewer, resolve)
                : Future.succeededFuture(new StatusSearch.Result(List.of(), false));
        // A URL that turned out to be a post is not fetched a second time as an actor.
        boolean wantAccounts = type.isEmpty() || type.equals("accounts");
        Future<List<Account>> foundAccounts = foundStatuses.compose(found -> wantAccounts
                ? accounts.search(q, resolve && !found.isPost()) : Future.succeededFuture(List.of()));
        Future.all(foundAccounts, foundStatuses).onSuccess(done -> {
            JsonArray accountList = new JsonArray();
            foundAccounts.result().forEach(a -> accountList.add(accountJson.account(a)));
            JsonArray statusList = new JsonArray();
            foundStatuses.result().statuses().forEach(s -> statusList.add(statusJson.status(s)));
            ApiJson.send(ctx, 200, new JsonObject().put("accounts", accountList).put("statuses", statusList)
                    .put("hashtags", new JsonArray()));
        }).onFailure(ctx::fail);
    }
}
