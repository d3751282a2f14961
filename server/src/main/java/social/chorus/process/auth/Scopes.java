package social.chorus.process.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A set of OAuth scopes with Mastodon's meaning: {@code read} grants every {@code read:*},
 * {@code write} every {@code write:*}, {@code admin:read} every {@code admin:read:*}, and the
 * legacy {@code follow} grants the follow, block and mute scopes. {@code profile} grants only
 * verify_credentials.
 */
public final class Scopes {
    private static final Set<String> KNOWN = Set.of(
            "read", "write", "follow", "push", "profile",
            "read:accounts", "read:blocks", "read:bookmarks", "read:favourites", "read:filters", "read:follows",
            "read:lists", "read:mutes", "read:notifications", "read:search", "read:statuses",
            "write:accounts", "write:blocks", "write:bookmarks", "write:conversations", "write:favourites",
            "write:filters", "write:follows", "write:lists", "write:media", "write:mutes", "write:notifications",
            "write:reports", "write:statuses",
            "admin:read", "admin:read:accounts", "admin:read:reports", "admin:read:domain_allows",
            "admin:read:domain_blocks", "admin:read:ip_blocks", "admin:read:email_domain_blocks",
            "admin:read:canonical_email_blocks",
            "admin:write", "admin:write:accounts", "admin:write:reports", "admin:write:domain_allows",
            "admin:write:domain_blocks", "admin:write:ip_blocks", "admin:write:email_domain_blocks",
            "admin:write:canonical_email_blocks");

    /** What the legacy {@code follow} scope grants besides itself. */
    private static final Map<String, String> FOLLOW_GRANTS = Map.of(
            "read:follows", "follow", "write:follows", "follow", "read:blocks", "follow",
            "write:blocks", "follow", "read:mutes", "follow", "write:mutes", "follow");

    /** Mastodon's default when a request names no scope. */
    public static final Scopes DEFAULT = new Scopes(List.of("read"));

    private final List<String> scopes;

    private Scopes(List<String> scopes) {
        this.scopes = List.copyOf(scopes);
    }

    /**
     * Space-separated scopes (extra whitespace tolerated, duplicates dropped); empty when any is
     * unknown. A blank string gives {@code fallback}.
     */
    public static Optional<Scopes> parse(String value, Scopes fallback) {
        if (value == null || value.isBlank()) {
            return Optional.of(fallback);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : value.strip().split("[\\s+]+")) {
            if (!KNOWN.contains(s)) {
                return Optional.empty();
            }
            out.add(s);
        }
        return Optional.of(new Scopes(new ArrayList<>(out)));
    }

    /** For values read back from storage, which were validated when written. */
    public static Scopes stored(String value) {
        return parse(value, new Scopes(List.of())).orElseThrow(
                () -> new IllegalStateException("stored scopes are not valid: " + value));
    }

    /** True when this set grants {@code required} directly or through a broader scope. */
    public boolean grants(String required) {
        if (scopes.contains(required)) {
            return true;
        }
        int colon = required.lastIndexOf(':');
        if (colon > 0 && grants(required.substring(0, colon))) {
            return true;
        }
        String viaFollow = FOLLOW_GRANTS.get(required);
        return viaFollow != null && scopes.contains(viaFollow);
    }

    public boolean grantsAny(List<String> anyOf) {
        return anyOf.stream().anyMatch(this::grants);
    }

    /** True when every scope of {@code requested} is granted by this set. */
    public boolean covers(Scopes requested) {
        return requested.scopes.stream().allMatch(this::grants);
    }

    public List<String> asList() {
        return Collections.unmodifiableList(scopes);
    }

    /** Space-separated, as OAuth responses and the database carry them. */
    public String asString() {
        return String.join(" ", scopes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scopes other && Set.copyOf(scopes).equals(Set.copyOf(other.scopes));
    }

    @Override
    public int hashCode() {
        return Set.copyOf(scopes).hashCode();
    }

    @Override
    public String toString() {
        return asString();
    }
}
