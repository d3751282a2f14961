package social.chorus.storage;

import static social.chorus.schema.Tables.OAUTH_ACCESS_TOKEN;
import static social.chorus.schema.Tables.OAUTH_APPLICATION;
import static social.chorus.schema.Tables.OAUTH_AUTHORIZATION_CODE;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import social.chorus.schema.tables.records.OauthAccessTokenRecord;
import social.chorus.schema.tables.records.OauthApplicationRecord;
import social.chorus.schema.tables.records.OauthAuthorizationCodeRecord;

/**
 * OAuth applications, access tokens and authorization codes. Secrets arrive here already hashed:
 * this class never sees a usable token.
 */
public final class OAuthRepository {
    /** A registered client application. redirectUris is newline-separated, scopes space-separated. */
    public record AppRow(long id, String name, String website, String redirectUris, String scopes, String clientId,
            String clientSecretHash, Instant createdAt) {
        @Override
        public String toString() {
            return "AppRow[id=" + id + ", name=" + name + ", clientId=" + clientId + "]";
        }
    }

    public record NewApp(String name, String website, String redirectUris, String scopes, String clientId,
            String clientSecretHash) {
    }

    /** An access token; accountId is null for an app token (client_credentials). */
    public record TokenRow(long id, long applicationId, Long accountId, String scopes, Instant createdAt,
            Instant revokedAt, Instant lastUsedAt) {
    }

    public record NewToken(long applicationId, Long accountId, String scopes, String tokenHash,
            String refreshTokenHash) {
    }

    public record CodeRow(long id, long applicationId, long accountId, String redirectUri, String scopes,
            String codeChallenge, String codeChallengeMethod, Instant expiresAt, Instant usedAt, Long tokenId) {
    }

    public record NewCode(String codeHash, long applicationId, long accountId, String redirectUri, String scopes,
            String codeChallenge, String codeChallengeMethod, Instant expiresAt) {
    }

    private final Clock clock;

    public OAuthRepository(Clock clock) {
        this.clock = clock;
    }

    public AppRow insertApp(DSLContext dsl, NewApp n) {
        OauthApplicationRecord r = dsl.newRecord(OAUTH_APPLICATION);
        r.setName(n.name());
        r.setWebsite(n.website());
        r.setRedirectUris(n.redirectUris());
        r.setScopes(n.scopes());
        r.setClientId(n.clientId());
        r.setClientSecretHash(n.clientSecretHash());
        r.setCreatedAt(Timestamps.toDb(clock.instant()));
        r.store();
        return toApp(r);
    }

    /**
     * Exact match: the column's collation compares case-insensitively, and client ids are
     * case-sensitive base64url, so the final comparison is done here.
     */
    public Optional<AppRow> findAppByClientId(DSLContext dsl, String clientId) {
        return dsl.selectFrom(OAUTH_APPLICATION).where(OAUTH_APPLICATION.CLIENT_ID.eq(clientId)).fetch().stream()
                .filter(r -> r.getClientId().equals(clientId)).findFirst().map(OAuthRepository::toApp);
    }

    public Optional<AppRow> findAppById(DSLContext dsl, long id) {
        return dsl.selectFrom(OAUTH_APPLICATION).where(OAUTH_APPLICATION.ID.eq(id)).fetchOptional()
                .map(OAuthRepository::toApp);
    }

    public TokenRow insertToken(DSLContext dsl, NewToken n) {
        OauthAccessTokenRecord r = dsl.newRecord(OAUTH_ACCESS_TOKEN);
        r.setTokenHash(n.tokenHash());
        r.setRefreshTokenHash(n.refreshTokenHash());
        r.setApplicationId(n.applicationId());
        r.setAccountId(n.accountId());
        r.setScopes(n.scopes());
        r.setCreatedAt(Timestamps.toDb(clock.instant()));
        r.store();
        return toToken(r);
    }

    /** A token that has not been revoked, by the hash of the bearer value. */
    public Optional<TokenRow> findActiveToken(DSLContext dsl, String tokenHash) {
        return dsl.selectFrom(OAUTH_ACCESS_TOKEN)
                .where(OAUTH_ACCESS_TOKEN.TOKEN_HASH.eq(tokenHash).and(OAUTH_ACCESS_TOKEN.REVOKED_AT.isNull()))
                .fetchOptional().map(OAuthRepository::toToken);
    }

    /** By access or refresh token hash, revoked or not (revocation is idempotent). */
    public Optional<TokenRow> findTokenByAnyHash(DSLContext dsl, String hash) {
        return dsl.selectFrom(OAUTH_ACCESS_TOKEN)
                .where(OAUTH_ACCESS_TOKEN.TOKEN_HASH.eq(hash).or(OAUTH_ACCESS_TOKEN.REFRESH_TOKEN_HASH.eq(hash)))
                .limit(1).fetchOptional().map(OAuthRepository::toToken);
    }

    public Optional<TokenRow> findActiveByRefreshHash(DSLContext dsl, String refreshHash) {
        return dsl.selectFrom(OAUTH_ACCESS_TOKEN)
                .where(OAUTH_ACCESS_TOKEN.REFRESH_TOKEN_HASH.eq(refreshHash)
                        .and(OAUTH_ACCESS_TOKEN.REVOKED_AT.isNull()))
                .fetchOptional().map(OAuthRepository::toToken);
    }

    /** True when this call revoked it (false when it was already revoked or does not exist). */
    public boolean revokeToken(DSLContext dsl, long tokenId) {
        return dsl.update(OAUTH_ACCESS_TOKEN).set(OAUTH_ACCESS_TOKEN.REVOKED_AT, Timestamps.toDb(clock.instant()))
                .where(OAUTH_ACCESS_TOKEN.ID.eq(tokenId).and(OAUTH_ACCESS_TOKEN.REVOKED_AT.isNull())).execute() > 0;
    }

    public void touchToken(DSLContext dsl, long tokenId) {
        dsl.update(OAUTH_ACCESS_TOKEN).set(OAUTH_ACCESS_TOKEN.LAST_USED_AT, Timestamps.toDb(clock.instant()))
                .where(OAUTH_ACCESS_TOKEN.ID.eq(tokenId)).execute();
    }

    public CodeRow insertCode(DSLContext dsl, NewCode n) {
        OauthAuthorizationCodeRecord r = dsl.newRecord(OAUTH_AUTHORIZATION_CODE);
        r.setCodeHash(n.codeHash());
        r.setApplicationId(n.applicationId());
        r.setAccountId(n.accountId());
        r.setRedirectUri(n.redirectUri());
        r.setScopes(n.scopes());
        r.setCodeChallenge(n.codeChallenge());
        r.setCodeChallengeMethod(n.codeChallengeMethod());
        r.setCreatedAt(Timestamps.toDb(clock.instant()));
        r.setExpiresAt(Timestamps.toDb(n.expiresAt()));
        r.store();
        return toCode(r);
    }

    public Optional<CodeRow> findCode(DSLContext dsl, String codeHash) {
        return dsl.selectFrom(OAUTH_AUTHORIZATION_CODE).where(OAUTH_AUTHORIZATION_CODE.CODE_HASH.eq(codeHash))
                .fetchOptional().map(OAuthRepository::toCode);
    }

    /**
     * Marks the code used, only if nobody did before: of two concurrent exchanges exactly one
     * gets true.
     */
    public boolean markCodeUsed(DSLContext dsl, long codeId) {
        return dsl.update(OAUTH_AUTHORIZATION_CODE)
                .set(OAUTH_AUTHORIZATION_CODE.USED_AT, Timestamps.toDb(clock.instant()))
                .where(OAUTH_AUTHORIZATION_CODE.ID.eq(codeId).and(OAUTH_AUTHORIZATION_CODE.USED_AT.isNull()))
                .execute() > 0;
    }

    public void setCodeToken(DSLContext dsl, long codeId, long tokenId) {
        dsl.update(OAUTH_AUTHORIZATION_CODE).set(OAUTH_AUTHORIZATION_CODE.TOKEN_ID, tokenId)
                .where(OAUTH_AUTHORIZATION_CODE.ID.eq(codeId)).execute();
    }

    /** Codes are useless once expired; nothing needs them after a day. */
    public int deleteCodesExpiredBefore(DSLContext dsl, Instant cutoff) {
        return dsl.deleteFrom(OAUTH_AUTHORIZATION_CODE)
                .where(OAUTH_AUTHORIZATION_CODE.EXPIRES_AT.lt(Timestamps.toDb(cutoff))).execute();
    }

    private static AppRow toApp(OauthApplicationRecord r) {
        return new AppRow(r.getId(), r.getName(), r.getWebsite(), r.getRedirectUris(), r.getScopes(),
                r.getClientId(), r.getClientSecretHash(), Timestamps.fromDb(r.getCreatedAt()));
    }

    private static TokenRow toToken(OauthAccessTokenRecord r) {
        return new TokenRow(r.getId(), r.getApplicationId(), r.getAccountId(), r.getScopes(),
                Timestamps.fromDb(r.getCreatedAt()), Timestamps.fromDb(r.getRevokedAt()),
                Timestamps.fromDb(r.getLastUsedAt()));
    }

    private static CodeRow toCode(OauthAuthorizationCodeRecord r) {
        return new CodeRow(r.getId(), r.getApplicationId(), r.getAccountId(), r.getRedirectUri(), r.getScopes(),
                r.getCodeChallenge(), r.getCodeChallengeMethod(), Timestamps.fromDb(r.getExpiresAt()),
                Timestamps.fromDb(r.getUsedAt()), r.getTokenId());
    }
}
