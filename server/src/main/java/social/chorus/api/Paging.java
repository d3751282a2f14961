package social.chorus.api;

import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import social.chorus.process.ClientError;
import social.chorus.storage.StatusRepository.PageQuery;

/**
 * Mastodon's cursor pagination for lists ordered by id, newest first: {@code max_id},
 * {@code since_id}, {@code min_id} and {@code limit} in, a {@code Link} header out with next
 * (older than the last item) and prev (newer than the first), keeping the request's other
 * parameters. Ids must be numbers (400 otherwise); the limit is clamped by the caller's rule.
 */
public record Paging(PageQuery page, int limit) {

    /** @param limitOf the endpoint's own clamp of the raw {@code limit} parameter */
    public static Paging of(RoutingContext ctx, Function<String, Integer> limitOf) {
        ApiParams q = ApiParams.query(ctx);
        int limit = limitOf.apply(q.orNull("limit"));
        return new Paging(new PageQuery(id(q, "max_id"), id(q, "since_id"), id(q, "min_id"), limit), limit);
    }

    private static Long id(ApiParams q, String name) {
        String v = q.orNull(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new ClientError(400, name + " must be a number");
        }
    }

    /** Sets the Link header for a non-empty page whose items carry the ids given by {@code idOf}. */
    public <T> void link(RoutingContext ctx, String baseUrl, String path, Map<String, List<String>> keep,
            List<T> items, ToLongFunction<T> idOf) {
        if (items.isEmpty()) {
            return;
        }
        Map<String, List<String>> params = new TreeMap<>(keep);
        params.put("limit", List.of(Integer.toString(limit)));
        StringBuilder self = new StringBuilder(baseUrl).append(path).append('?');
        params.forEach((k, values) -> values.forEach(v -> self.append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&')));
        long last = idOf.applyAsLong(items.get(items.size() - 1));
        long first = idOf.applyAsLong(items.get(0));
        ctx.response().putHeader("Link",
                "<" + self + "max_id=" + last + ">; rel=\"next\", <" + self + "min_id=" + first + ">; rel=\"prev\"");
    }
}
