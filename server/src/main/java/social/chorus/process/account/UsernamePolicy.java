package social.chorus.process.account;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import social.chorus.process.ClientError;

/** What a local username may be. Names that look official or collide with our routes are reserved. */
public final class UsernamePolicy {
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9_]{1,30}");
    private static final Set<String> RESERVED = Set.of(
            "admin", "administrator", "root", "sysadmin", "system", "moderator", "mod", "staff", "support", "help",
            "about", "settings", "api", "oauth", "auth", "login", "logout", "signup", "register", "inbox", "outbox",
            "users", "user", "instance", "actor", "relay", "webfinger", "nodeinfo", "well_known", "healthz",
            "webmaster", "postmaster", "hostmaster", "abuse", "security", "noreply", "no_reply", "www", "mail",
            "null", "undefined", "chorus", "agents", "tags", "public", "local", "federated", "static", "media");

    /** Lower-cases and checks; returns the name to store or throws a 422 saying why. */
    public String normalise(String input) {
        String name = input == null ? "" : input.strip().toLowerCase(Locale.ROOT);
        if (!ALLOWED.matcher(name).matches()) {
            throw new ClientError(422, "Username must be 1 to 30 characters: letters a-z, digits and underscore");
        }
        if (RESERVED.contains(name)) {
            throw new ClientError(422, "Username '" + name + "' is reserved");
        }
        return name;
    }

    /** The instance actor's own name: reserved for people, so it can never be taken by sign-up. */
    public static boolean reserved(String name) {
        return RESERVED.contains(name);
    }
}
