package social.chorus.process.auth;

import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import social.chorus.process.account.AccountService;
import social.chorus.process.account.PasswordHasher;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;
import social.chorus.storage.InstanceSettingRepository;
import social.chorus.storage.OAuthRepository;
import social.chorus.storage.SessionRepository;
import social.chorus.storage.FavouriteRepository;
import social.chorus.storage.FollowRepository;
import social.chorus.process.Outbox;
import social.chorus.model.LocalIds;

/** The OAuth, sign-in and client-API services, wired together (one field in app/Services). */
public final class AuthServices {
    private final SecretTokens secrets;
    private final AppService apps;
    private final TokenService tokens;
    private final AuthorizationService authorization;
    private final SignInService signIn;
    private final ApiRegistration registration;
    private final ProfileService profiles;
    private final AccountLookup lookup;
    private final InstanceService instance;

    /** What the auth services need from the rest of the instance. */
    public record Deps(Vertx vertx, Db db, Clock clock, SecureRandom random, AccountService accountService,
            InstanceService.Identity identity, Outbox outbox, LocalIds ids) {
    }

    public AuthServices(Deps d) {
        AccountRepository accounts = new AccountRepository(d.clock());
        OAuthRepository oauth = new OAuthRepository(d.clock());
        this.secrets = new SecretTokens(d.random());
        this.apps = new AppService(d.db(), oauth, secrets);
        this.tokens = new TokenService(d.db(), oauth, accounts, apps, secrets, d.clock());
        this.authorization = new AuthorizationService(d.db(), oauth, apps, secrets, d.clock());
        this.signIn = new SignInService(d.vertx(), d.db(), accounts, new SessionRepository(d.clock()),
                new PasswordHasher(PasswordHasher.Cost.DEFAULT, d.random()), secrets, d.clock());
        this.registration = new ApiRegistration(d.accountService(), tokens, d.identity().registrations());
        this.profiles = new ProfileService(d.db(), accounts, new FollowRepository(d.clock()),
                new FavouriteRepository(d.clock()), d.outbox(), d.ids());
        this.lookup = new AccountLookup(d.db(), accounts, d.identity().domain());
        this.instance = new InstanceService(d.db(), new InstanceSettingRepository(d.clock()), accounts,
                d.identity(), d.clock());
    }

    public SecretTokens secrets() {
        return secrets;
    }

    public AppService apps() {
        return apps;
    }

    public TokenService tokens() {
        return tokens;
    }

    public AuthorizationService authorization() {
        return authorization;
    }

    public SignInService signIn() {
        return signIn;
    }

    public ApiRegistration registration() {
        return registration;
    }

    public ProfileService profiles() {
        return profiles;
    }

    public AccountLookup lookup() {
        return lookup;
    }

    public InstanceService instance() {
        return instance;
    }
}
