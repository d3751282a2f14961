package social.chorus.federation.sig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable header multimap with case-insensitive names. The original spelling and order are
 * kept because signers hand these headers to an HTTP client, and because both signature schemes
 * join repeated fields in the order they appear on the wire.
 */
public final class HttpHeaders {
    /** One header line as it is (or will be) sent. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private static final HttpHeaders EMPTY = new HttpHeaders(List.of());

    private final List<Header> entries;
    private final Map<String, List<String>> byLowerName;

    private HttpHeaders(List<Header> entries) {
        this.entries = List.copyOf(entries);
        Map<String, List<String>> index = new LinkedHashMap<>();
        for (Header h : this.entries) {
            index.computeIfAbsent(lower(h.name()), k -> new ArrayList<>()).add(h.value());
        }
        index.replaceAll((k, v) -> Collections.unmodifiableList(v));
        this.byLowerName = Collections.unmodifiableMap(index);
    }

    public static HttpHeaders empty() {
        return EMPTY;
    }

    /** {@code of("Host", "a.example", "Accept", "application/json")}: names and values alternate. */
    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        List<Header> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new Header(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new HttpHeaders(list);
    }

    public static HttpHeaders fromEntries(List<Header> entries) {
        return new HttpHeaders(entries);
    }

    /** Every value of a field, in wire order; empty when absent. */
    public List<String> all(String name) {
        return byLowerName.getOrDefault(lower(name), List.of());
    }

    public Optional<String> first(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean contains(String name) {
        return byLowerName.containsKey(lower(name));
    }

    public List<Header> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** A copy with one more line; existing lines of the same name stay. */
    public HttpHeaders plus(String name, String value) {
        List<Header> list = new ArrayList<>(entries);
        list.add(new Header(name, value));
        return new HttpHeaders(list);
    }

    /** A copy in which {@code name} has exactly this one value (spelled as given here). */
    public HttpHeaders replacing(String name, String value) {
        List<Header> list = new ArrayList<>();
        for (Header h : entries) {
            if (!h.name().equalsIgnoreCase(name)) {
                list.add(h);
            }
        }
        list.add(new Header(name, value));
        return new HttpHeaders(list);
    }

    /** A copy with every line of {@code other} replacing the same-named lines here. */
    public HttpHeaders replacingAll(HttpHeaders other) {
        HttpHeaders result = this;
        for (Header h : other.entries) {
            result = result.replacing(h.name(), h.value());
        }
        return result;
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpHeaders other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "HttpHeaders" + entries;
    }
}
