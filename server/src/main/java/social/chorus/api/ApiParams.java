package social.chorus.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import social.chorus.process.ClientError;

/**
 * Request parameters as Mastodon (Rails) reads them: the query string, overridden by the body,
 * which may be form-urlencoded, multipart or JSON. {@code name[]} is the same parameter as
 * {@code name}. Nested JSON objects are ignored until an endpoint needs them.
 */
public final class ApiParams {
    /** Enough for any form or JSON body of these endpoints; larger bodies get 413. */
    public static final int BODY_LIMIT = 64 * 1024;

    private final Map<String, List<String>> values;

    private ApiParams(Map<String, List<String>> values) {
        this.values = values;
    }

    /** A body handler for these routes only: limited, and file parts are read past, never stored. */
    public static BodyHandler bodyHandler() {
        return BodyHandler.create(false).setBodyLimit(BODY_LIMIT).setMergeFormAttributes(false);
    }

    /** Reads the parameters; malformed JSON fails with a 400 {@link ClientError}. */
    public static ApiParams of(RoutingContext ctx) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        ctx.queryParams().forEach(e -> add(values, e.getKey(), e.getValue()));
        Map<String, List<String>> body = new LinkedHashMap<>();
        if (isJson(ctx.request().getHeader("Content-Type"))) {
            RequestBody rb = ctx.body();
            if (rb != null && rb.available() && rb.length() > 0) {
                readJson(rb.buffer(), body);
            }
        } else {
            ctx.request().formAttributes().forEach(e -> add(body, e.getKey(), e.getValue()));
        }
        values.putAll(body);
        return new ApiParams(values);
    }

    /** Only the query string (GET requests). */
    public static ApiParams query(RoutingContext ctx) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        ctx.queryParams().forEach(e -> add(values, e.getKey(), e.getValue()));
        return new ApiParams(values);
    }

    public Optional<String> string(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The value, or null when absent (for optional fields passed on as they are). */
    public String orNull(String name) {
        return string(name).orElse(null);
    }

    public List<String> list(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Rails' booleans: true, 1, on, yes / false, 0, off, no. Anything else is a 422. */
    public Optional<Boolean> bool(String name) {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return switch (v.get().strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "on", "yes", "t" -> Optional.of(true);
            case "false", "0", "off", "no", "f", "" -> Optional.of(false);
            default -> throw new ClientError(422, "Validation failed: " + name + " must be true or false");
        };
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mime = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mime.equals("application/json") || mime.endsWith("+json");
    }

    private static void readJson(Buffer buffer, Map<String, List<String>> out) {
        Object parsed;
        try {
            parsed = Json.decodeValue(buffer);
        } catch (DecodeException e) {
            // No cause attached: the parser's message may quote the body, which may hold secrets.
            throw new ClientError(400, "The request body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject object)) {
            throw new ClientError(400, "The request body must be a JSON object");
        }
        for (Map.Entry<String, Object> e : object) {
            Object v = e.getValue();
            if (v instanceof JsonArray array) {
                List<String> items = new ArrayList<>();
                array.forEach(item -> {
                    if (item != null && !(item instanceof JsonObject) && !(item instanceof JsonArray)) {
                        items.add(item.toString());
                    }
                });
                out.put(key(e.getKey()), items);
            } else if (v instanceof JsonObject nested) {
                // One level, named as a form would name it: {"home": {"last_read_id": 1}} → home[last_read_id].
                for (Map.Entry<String, Object> inner : nested) {
                    Object iv = inner.getValue();
                    if (iv != null && !(iv instanceof JsonObject) && !(iv instanceof JsonArray)) {
                        out.put(e.getKey() + "[" + inner.getKey() + "]", new ArrayList<>(List.of(iv.toString())));
                    }
                }
            } else if (v != null) {
                out.put(key(e.getKey()), new ArrayList<>(List.of(v.toString())));
            }
        }
    }

    private static void add(Map<String, List<String>> values, String name, String value) {
        values.computeIfAbsent(key(name), k -> new ArrayList<>()).add(value);
    }

    private static String key(String name) {
        return name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
    }
}
