package social.chorus.process.auth;

import io.vertx.core.Future;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import social.chorus.process.ClientError;
import social.chorus.storage.Db;
import social.chorus.storage.OAuthRepository;
import social.chorus.storage.OAuthRepository.AppRow;

/** Registering client applications ({@code POST /api/v1/apps}) and authenticating them. */
public final class AppService {
    static final int MAX_NAME = 60;
    static final int MAX_URI = 2000;
    static final int MAX_REDIRECT_URIS = 20;
    /** Schemes a browser would run or read locally instead of navigating to an app. */
    private static final Set<String> FORBIDDEN_SCHEMES = Set.of("javascript", "data", "vbscript", "file", "about",
            "blob");

    /** What a client sends to register. redirectUris may hold whitespace-separated URIs per element. */
    public record Registration(String name, String website, List<String> redirectUris, String scopes) {
    }

    /** A new app and its client secret, which is shown this once and never stored. */
    public record Registered(OAuthApp app, String clientSecret) {
        @Override
        public String toString() {
            return "Registered[" + app + ", (secret hidden)]";
        }
    }

    private final Db db;
    private final OAuthRepository repo;
    private final SecretTokens secrets;

    public AppService(Db db, OAuthRepository repo, SecretTokens secrets) {
        this.db = db;
        this.repo = repo;
        this.secrets = secrets;
    }

    public Future<Registered> register(Registration r) {
        String name = r.name() == null ? "" : r.name().strip();
        List<String> uris = new ArrayList<>();
        Scopes scopes;
        String website;
        try {
            if (name.isEmpty()) {
                throw invalid("Application name can't be blank");
            }
            if (name.length() > MAX_NAME) {
                throw invalid("Application name is too long (maximum is " + MAX_NAME + " characters)");
            }
            uris.addAll(redirectUris(r.redirectUris()));
            scopes = Scopes.parse(r.scopes(), Scopes.DEFAULT)
                    .orElseThrow(() -> invalid("Scopes must be one or more of Mastodon's OAuth scopes"));
            website = website(r.website());
        } catch (ClientError e) {
            return Future.failedFuture(e);
        }
        String clientId = secrets.newToken();
        String clientSecret = secrets.newToken();
        OAuthRepository.NewApp n = new OAuthRepository.NewApp(name, website, String.join("\n", uris),
                scopes.asString(), clientId, SecretTokens.hash(clientSecret));
        return db.tx(dsl -> repo.insertApp(dsl, n)).map(row -> new Registered(toApp(row), clientSecret));
    }

    /** The app whose id and secret these are; empty when either is missing or wrong. */
    public Future<Optional<OAuthApp>> authenticate(String clientId, String clientSecret) {
        if (clientId == null || clientId.isEmpty() || clientSecret == null || clientSecret.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        String hash = SecretTokens.hash(clientSecret);
        return db.read(dsl -> repo.findAppByClientId(dsl, clientId))
                .map(row -> row.filter(a -> SecretTokens.sameSecret(a.clientSecretHash(), hash))
                        .map(AppService::toApp));
    }

    public Future<Optional<OAuthApp>> findByClientId(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return db.read(dsl -> repo.findAppByClientId(dsl, clientId)).map(row -> row.map(AppService::toApp));
    }

    public Future<Optional<OAuthApp>> findById(long id) {
        return db.read(dsl -> repo.findAppById(dsl, id)).map(row -> row.map(AppService::toApp));
    }

    static OAuthApp toApp(AppRow row) {
        return new OAuthApp(row.id(), row.name(), row.website(), List.of(row.redirectUris().split("\n")),
                Scopes.stored(row.scopes()), row.clientId(), row.createdAt());
    }

    private static List<String> redirectUris(List<String> given) {
        Set<String> out = new LinkedHashSet<>();
        for (String element : given == null ? List.<String>of() : given) {
            for (String uri : element.strip().split("\\s+")) {
                if (!uri.isEmpty()) {
                    out.add(validRedirectUri(uri));
                }
            }
        }
        if (out.isEmpty()) {
            throw invalid("Redirect URI can't be blank");
        }
        if (out.size() > MAX_REDIRECT_URIS) {
            throw invalid("Redirect URI: at most " + MAX_REDIRECT_URIS + " are allowed");
        }
        return List.copyOf(out);
    }

    private static String validRedirectUri(String value) {
        if (OAuthApp.OOB.equals(value)) {
            return value;
        }
        if (value.length() > MAX_URI) {
            throw invalid("Redirect URI is too long (maximum is " + MAX_URI + " characters)");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid("Redirect URI must be an absolute URI.");
        }
        if (!uri.isAbsolute()) {
            throw invalid("Redirect URI must be an absolute URI.");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("Redirect URI cannot contain a fragment.");
        }
        if (FORBIDDEN_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw invalid("Redirect URI uses a scheme that is not allowed.");
        }
        return value;
    }

    private static String website(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String w = value.strip();
        try {
            URI uri = new URI(w);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (w.length() <= MAX_URI && (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return w;
            }
        } catch (URISyntaxException e) {
            // falls through to the validation error
        }
        throw invalid("Website is invalid");
    }

    private static ClientError invalid(String detail) {
        return new ClientError(422, "Validation failed: " + detail);
    }
}
