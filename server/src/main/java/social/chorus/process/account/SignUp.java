package social.chorus.process.account;

/**
 * A request for a new local account. {@code byOperator} sign-ups (the admin CLI) ignore the
 * registration mode and are approved at once; everyone else's follow CHORUS_REGISTRATIONS.
 */
public record SignUp(String username, String email, String password, String displayName, String bio,
        Role role, Origin origin) {

    public enum Role {
        USER, ADMIN
    }

    public enum Origin {
        PUBLIC, OPERATOR
    }

    @Override
    public String toString() {
        return "SignUp[username=" + username + ", email=" + email + ", role=" + role + ", origin=" + origin + "]";
    }
}
