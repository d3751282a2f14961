package social.chorus.api.oauth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import social.chorus.http.AuthLimits;
import social.chorus.http.RateLimiter;
import social.chorus.process.auth.SecretTokens;
import social.chorus.process.auth.SignInService.Attempt;

/**
 * The rate limits of the sign-in form, both asked before the password is hashed.
 *
 * <p>Per address: every attempt counts, right or wrong, as in Mastodon. This is what stops one
 * client from flooding the worker pool with Argon2id hashes.
 *
 * <p>Per account name: only wrong passwords count (an attempt is counted before the hash and
 * given back when the password was right), which stops guessers spread over many addresses.
 * Counting every attempt, as Mastodon does, would hold the owner's own sign-ins against them too.
 * Either way such a limit is a lever against the owner: anyone can spend it with wrong
 * passwords. So a browser that has signed in to the account before is not held to it: a
 * successful sign-in leaves a cookie naming the account, signed with a key this process drew at
 * start. The owner's usual browser keeps working while the account is under attack; a new
 * browser has to wait, for as long as the attack goes on. The key is not stored, so a restart
 * forgets known browsers until they sign in again.
 *
 * <p>The name counted is the login as typed (lower case), whether or not an account has it, so
 * that a refusal tells nothing about which names exist, nor which e-mail address belongs to which
 * username (the username and the e-mail address of one account are counted apart).
 */
final class SignInThrottle {
    static final String COOKIE = "chorus_known_browser";
    private static final Duration COOKIE_LIFETIME = Duration.ofDays(365);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    /** The account-name decision for one attempt; {@code countedKey} is null when nothing was counted. */
    record Held(RateLimiter.Decision decision, String countedKey) {
        static final Held NOT_COUNTED = new Held(null, null);

        boolean refused() {
            return decision != null && !decision.allowed();
        }
    }

    private final AuthLimits limits;
    private final byte[] cookieKey;
    private final boolean secureCookies;

    SignInThrottle(AuthLimits limits, SecretTokens secrets, boolean secureCookies) {
        this.limits = limits;
        this.cookieKey = secrets.newToken().getBytes(StandardCharsets.US_ASCII);
        this.secureCookies = secureCookies;
    }

    /** Counts the attempt against the client's address. */
    RateLimiter.Decision byAddress(RoutingContext ctx) {
        return limits.signInsPerAddress().acquire(limits.addresses().of(ctx.request()));
    }

    /** Counts the attempt against the account name, unless nothing will be hashed or this browser is known. */
    Held byAccount(RoutingContext ctx, Attempt attempt) {
        if (!attempt.checksPassword() || attempt.accountId().filter(id -> knownBrowser(ctx, id)).isPresent()) {
            return Held.NOT_COUNTED;
        }
        String key = SecretTokens.sha256Base64Url("sign-in:" + attempt.login());
        RateLimiter.Decision d = limits.failedSignInsPerAccount().acquire(key);
        return new Held(d, d.allowed() && d.limited() ? key : null);
    }

    /** The password was right (even if the account may not sign in yet): it was no guess. */
    void passwordWasRight(Held held) {
        if (held.countedKey() != null) {
            limits.failedSignInsPerAccount().release(held.countedKey());
        }
    }

    /** After a successful sign-in: this browser is known to the account from now on. */
    void remember(RoutingContext ctx, long accountId) {
        ctx.response().addCookie(Cookie.cookie(COOKIE, accountId + "." + sign(accountId)).setPath("/auth")
                .setHttpOnly(true).setSecure(secureCookies).setSameSite(CookieSameSite.LAX)
                .setMaxAge(COOKIE_LIFETIME.toSeconds()));
    }

    private boolean knownBrowser(RoutingContext ctx, long accountId) {
        return Optional.ofNullable(ctx.request().getCookie(COOKIE)).map(Cookie::getValue)
                .filter(v -> v.length() < 128 && v.startsWith(accountId + "."))
                .filter(v -> SecretTokens.sameSecret(v.substring(v.indexOf('.') + 1), sign(accountId)))
                .isPresent();
    }

    private String sign(long accountId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cookieKey, "HmacSHA256"));
            return B64URL.encodeToString(mac.doFinal(("chorus-known-browser:" + accountId)
                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
