package social.chorus.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may see a status, by Mastodon's names: public (everyone, in public timelines), unlisted
 * (everyone, but kept out of public timelines), private (followers only, plus those mentioned)
 * and direct (only the accounts mentioned).
 */
public enum Visibility {
    PUBLIC, UNLISTED, PRIVATE, DIRECT;

    /** The name in the client API and the database. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Visibility> fromApiName(String name) {
        return Arrays.stream(values()).filter(v -> v.apiName().equals(name)).findFirst();
    }
}
