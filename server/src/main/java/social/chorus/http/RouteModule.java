package social.chorus.http;

import io.vertx.ext.web.Router;

/** A feature's routes (health, discovery, inbox, API…), mounted by {@link Routes}. */
@FunctionalInterface
public interface RouteModule {
    void mount(Router router);
}
