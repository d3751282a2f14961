package social.chorus.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import social.chorus.api.ApiAuth;
import social.chorus.api.ClientApiRoutes;
import social.chorus.api.accounts.AccountJson;
import social.chorus.api.follows.FollowRoutes;
import social.chorus.api.notifications.NotificationJson;
import social.chorus.api.notifications.NotificationRoutes;
import social.chorus.api.interactions.InteractionRoutes;
import social.chorus.api.search.SearchRoutes;
import social.chorus.api.statuses.StatusJson;
import social.chorus.api.statuses.StatusRoutes;
import social.chorus.api.timelines.TimelineRoutes;
import social.chorus.app.config.ChorusConfig;
import social.chorus.federation.access.FetchAccess;
import social.chorus.federation.collections.CollectionRoutes;
import social.chorus.federation.convert.StatusToAs;
import social.chorus.federation.discovery.DiscoveryRoutes;
import social.chorus.federation.inbox.InboxRoutes;
import social.chorus.federation.objects.StatusObjectRoutes;
import social.chorus.http.AuthLimits;
import social.chorus.http.HealthRoutes;
import social.chorus.http.RouteModule;

/** Which routes an instance serves, in mounting order. Each feature adds its module here. */
final class HttpWiring {
    private HttpWiring() {
    }

    static List<RouteModule> routes(ChorusConfig config, Services services, Clock clock) {
        List<RouteModule> routes = new ArrayList<>();
        routes.add(new HealthRoutes(services.health()));
        FederationServices federation = services.federation();
        routes.add(new DiscoveryRoutes(config.domain(), services.ids(), services.instanceActor().actorUri(),
                services.publicActors(), services.instanceFacts(),
                FetchAccess.actorPolicy(federation.fetchAccess(), services.instanceActor().actorUri())));
        ChorusConfig.RateLimits limits = config.rateLimits();
        routes.add(new ClientApiRoutes(services.auth(), AuthLimits.create(limits.signInsPerAddress(),
                limits.failedSignInsPerAccount(), limits.signUpsPerAddress(), limits.trustedProxies(), clock),
                config.baseUrl()));
        routes.add(new InboxRoutes(federation.inbox(), java.net.URI.create(config.baseUrl()).getScheme()));
        StatusToAs statusToAs = new StatusToAs(services.ids(), config.domain());
        routes.add(new CollectionRoutes(federation.followLists(), services.accounts(), services.statuses().pins(),
                statusToAs, services.ids(), federation.fetchAccess()));
        ApiAuth apiAuth = new ApiAuth(services.auth().tokens());
        AccountJson accountJson = new AccountJson(config.baseUrl());
        routes.add(new FollowRoutes(federation.follows(), federation.followLists(), apiAuth, accountJson,
                config.baseUrl()));
        routes.add(new SearchRoutes(federation.accountSearch(), services.statusSearch(), apiAuth, accountJson,
                new StatusJson(accountJson, config.baseUrl())));
        routes.add(new StatusRoutes(services.statuses(), apiAuth, accountJson, config.baseUrl()));
        StatusJson statusJson = new StatusJson(accountJson, config.baseUrl());
        routes.add(new TimelineRoutes(services.timelines(), apiAuth, statusJson, config.baseUrl()));
        routes.add(new InteractionRoutes(services.interactions(), apiAuth, statusJson, accountJson, config.baseUrl()));
        routes.add(new NotificationRoutes(services.notifications(), apiAuth, new NotificationJson(accountJson, statusJson),
                config.baseUrl()));
        routes.add(new StatusObjectRoutes(services.statuses().reading(), federation.signatures(), statusToAs,
                config.baseUrl()));
        return routes;
    }
}
