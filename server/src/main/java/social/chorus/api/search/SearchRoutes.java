package social.chorus.api.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import social.chorus.api.ApiAuth;
import social.chorus.api.ApiJson;
import social.chorus.api.ApiParams;
import social.chorus.api.accounts.AccountJson;
import social.chorus.http.RouteModule;
import social.chorus.model.Account;
import social.chorus.process.account.AccountSearch;
import social.chorus.process.auth.Caller;

/**
 * {@code GET /api/v2/search}: accounts by handle or URL, resolved over the network only for a
 * signed-in caller who asks ({@code resolve=true}), as Mastodon does. Statuses and hashtags come
 * with posts and are empty until then.
 */
public final class SearchRoutes implements RouteModule {
    private final AccountSearch search;
    private final ApiAuth auth;
    private final AccountJson json;

    public SearchRoutes(AccountSearch search, ApiAuth auth, AccountJson json) {
        this.search = search;
        this.auth = auth;
        this.json = json;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/v2/search").handler(auth.ifPresent("read:search", "read:accounts")).handler(this::search);
    }

    private void search(RoutingContext ctx) {
        ApiParams p = ApiParams.query(ctx);
        String type = p.string("type").orElse("");
        boolean resolve = p.bool("resolve").orElse(false) && ApiAuth.optionalCaller(ctx)
                .filter(c -> c.state() == Caller.UserState.ACTIVE).isPresent();
        var found = type.isEmpty() || type.equals("accounts")
                ? search.search(p.string("q").orElse(""), resolve)
                : io.vertx.core.Future.succeededFuture(List.<Account>of());
        found.onSuccess(accounts -> {
            JsonArray list = new JsonArray();
            accounts.forEach(a -> list.add(json.account(a)));
            ApiJson.send(ctx, 200, new JsonObject().put("accounts", list).put("statuses", new JsonArray())
                    .put("hashtags", new JsonArray()));
        }).onFailure(ctx::fail);
    }
}
