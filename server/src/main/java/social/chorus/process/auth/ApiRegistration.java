package social.chorus.process.auth;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.chorus.app.config.ChorusConfig.Registrations;
import social.chorus.process.ClientError;
import social.chorus.process.account.AccountService;
import social.chorus.process.account.SignUp;
import social.chorus.process.account.UsernamePolicy;

/**
 * {@code POST /api/v1/accounts}: sign-up through an app, answered with a user token as Mastodon
 * does. Validation failures come back per field ({@code details}) with Mastodon's error codes, so
 * that apps can show them next to the right input.
 */
public final class ApiRegistration {
    static final int MAX_REASON = 500;

    /** The form as sent. agreement is the raw value ("true", "1", …). Hidden: the password. */
    public record Form(String username, String email, String password, boolean agreement, String locale,
            String reason) {
        @Override
        public String toString() {
            return "Form[username=" + username + ", email=" + email + "]";
        }
    }

    /** One problem with one field, e.g. {@code ERR_TAKEN} / "is already taken". */
    public record FieldError(String error, String description) {
    }

    public sealed interface Result {
        record Registered(IssuedToken token) implements Result {
        }

        /** message is Mastodon's "Validation failed: …" line; details map field names to problems. */
        record Invalid(String message, Map<String, List<FieldError>> details) implements Result {
        }
    }

    private final AccountService accounts;
    private final TokenService tokens;
    private final Registrations registrations;
    private final UsernamePolicy usernames = new UsernamePolicy();

    public ApiRegistration(AccountService accounts, TokenService tokens, Registrations registrations) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.registrations = registrations;
    }

    /** Fails with a 403 {@link ClientError} when registrations are closed, before looking at the form. */
    public Future<Result> register(Caller app, Form form) {
        if (registrations == Registrations.CLOSED) {
            return Future.failedFuture(new ClientError(403, "Registrations are closed on this instance"));
        }
        Map<String, List<FieldError>> details = precheck(form);
        if (!details.isEmpty()) {
            return Future.succeededFuture(invalid(details));
        }
        // The reason and locale have no column yet; they are accepted so that apps work unchanged.
        SignUp signUp = new SignUp(form.username(), form.email(), form.password(), null, null, SignUp.Role.USER,
                SignUp.Origin.PUBLIC);
        return accounts.signUp(signUp)
                .compose(account -> tokens.issueForAccount(app.applicationId(), account.id()))
                .<Result>map(Result.Registered::new)
                .recover(e -> {
                    if (e instanceof ClientError ce && ce.status() == 422) {
                        return Future.succeededFuture(invalid(fromSignUpError(ce.getMessage())));
                    }
                    return Future.failedFuture(e);
                });
    }

    private Map<String, List<FieldError>> precheck(Form f) {
        Map<String, List<FieldError>> d = new LinkedHashMap<>();
        if (blank(f.username())) {
            add(d, "username", "ERR_BLANK", "can't be blank");
        } else {
            try {
                usernames.normalise(f.username());
            } catch (ClientError e) {
                if (e.getMessage().contains("reserved")) {
                    add(d, "username", "ERR_RESERVED", "is reserved");
                } else {
                    add(d, "username", "ERR_INVALID", "must contain only letters, numbers and underscores"
                            + " (1 to 30 characters)");
                }
            }
        }
        if (blank(f.email())) {
            add(d, "email", "ERR_BLANK", "can't be blank");
        }
        if (blank(f.password())) {
            add(d, "password", "ERR_BLANK", "can't be blank");
        } else if (f.password().length() < 8) {
            add(d, "password", "ERR_TOO_SHORT", "is too short (minimum is 8 characters)");
        }
        if (!f.agreement()) {
            add(d, "agreement", "ERR_ACCEPTED", "must be accepted");
        }
        if (f.reason() != null && f.reason().length() > MAX_REASON) {
            add(d, "reason", "ERR_TOO_LONG", "is too long (maximum is " + MAX_REASON + " characters)");
        }
        return d;
    }

    /** AccountService reports one problem as a sentence; this files it under the field it names. */
    private static Map<String, List<FieldError>> fromSignUpError(String message) {
        Map<String, List<FieldError>> d = new LinkedHashMap<>();
        String m = message == null ? "" : message;
        String code = m.contains("taken") || m.contains("in use") ? "ERR_TAKEN"
                : m.contains("reserved") ? "ERR_RESERVED"
                : m.contains("at most") || m.contains("longer") ? "ERR_TOO_LONG"
                : m.contains("at least") ? "ERR_TOO_SHORT" : "ERR_INVALID";
        String description = switch (code) {
            case "ERR_TAKEN" -> "is already taken";
            case "ERR_RESERVED" -> "is reserved";
            case "ERR_TOO_LONG" -> "is too long";
            case "ERR_TOO_SHORT" -> "is too short";
            default -> "is invalid";
        };
        String field = m.startsWith("Username or e-mail") || m.startsWith("Username") ? "username"
                : m.startsWith("E-mail") ? "email"
                : m.startsWith("Password") ? "password"
                : m.startsWith("Display name") ? "display_name" : "base";
        add(d, field, code, description);
        return d;
    }

    private static Result.Invalid invalid(Map<String, List<FieldError>> details) {
        List<String> parts = new ArrayList<>();
        details.forEach((field, errors) -> errors.forEach(e -> parts.add(label(field) + " " + e.description())));
        return new Result.Invalid("Validation failed: " + String.join(", ", parts), details);
    }

    private static String label(String field) {
        return switch (field) {
            case "email" -> "Email";
            case "display_name" -> "Display name";
            case "base" -> "Account";
            default -> Character.toUpperCase(field.charAt(0)) + field.substring(1);
        };
    }

    private static void add(Map<String, List<FieldError>> d, String field, String code, String description) {
        d.computeIfAbsent(field, k -> new ArrayList<>()).add(new FieldError(code, description));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
