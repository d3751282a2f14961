-- OAuth 2 for the Mastodon-compatible client API, and the web sessions behind the sign-in and
-- consent pages. Secrets (client secrets, access and refresh tokens, authorization codes, session
-- cookies) are 32 random bytes; only their SHA-256 (64 hex digits) is stored, so a copy of the
-- database does not let anyone act as a user or an app.

CREATE TABLE oauth_application (
  id                    BIGINT        NOT NULL AUTO_INCREMENT,
  name                  VARCHAR(255)  NOT NULL,
  website               VARCHAR(2048) NULL,
  -- One absolute URI per line, as Mastodon stores them.
  redirect_uris         TEXT          NOT NULL,
  scopes                VARCHAR(1024) NOT NULL,
  client_id             VARCHAR(64)   NOT NULL,
  client_secret_hash    VARCHAR(64)   NOT NULL,
  created_at            DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_oauth_application_client_id UNIQUE (client_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- account_id is NULL for app tokens (grant client_credentials). Tokens do not expire (as on
-- Mastodon); they end when revoked.
CREATE TABLE oauth_access_token (
  id                    BIGINT        NOT NULL AUTO_INCREMENT,
  token_hash            VARCHAR(64)   NOT NULL,
  refresh_token_hash    VARCHAR(64)   NULL,
  application_id        BIGINT        NOT NULL,
  account_id            BIGINT        NULL,
  scopes                VARCHAR(1024) NOT NULL,
  created_at            DATETIME(6)   NOT NULL,
  revoked_at            DATETIME(6)   NULL,
  last_used_at          DATETIME(6)   NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_oauth_access_token_hash UNIQUE (token_hash),
  CONSTRAINT uq_oauth_access_token_refresh UNIQUE (refresh_token_hash),
  CONSTRAINT fk_oauth_access_token_application FOREIGN KEY (application_id)
    REFERENCES oauth_application (id) ON DELETE CASCADE,
  CONSTRAINT fk_oauth_access_token_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_oauth_access_token_account ON oauth_access_token (account_id);

-- A code lives ten minutes and is exchanged once; token_id remembers what it was exchanged for,
-- so that a replayed code revokes that token (RFC 6749 section 4.1.2).
CREATE TABLE oauth_authorization_code (
  id                    BIGINT        NOT NULL AUTO_INCREMENT,
  code_hash             VARCHAR(64)   NOT NULL,
  application_id        BIGINT        NOT NULL,
  account_id            BIGINT        NOT NULL,
  redirect_uri          TEXT          NOT NULL,
  scopes                VARCHAR(1024) NOT NULL,
  code_challenge        VARCHAR(128)  NULL,
  code_challenge_method VARCHAR(16)   NULL,
  created_at            DATETIME(6)   NOT NULL,
  expires_at            DATETIME(6)   NOT NULL,
  used_at               DATETIME(6)   NULL,
  token_id              BIGINT        NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_oauth_authorization_code_hash UNIQUE (code_hash),
  CONSTRAINT fk_oauth_authorization_code_application FOREIGN KEY (application_id)
    REFERENCES oauth_application (id) ON DELETE CASCADE,
  CONSTRAINT fk_oauth_authorization_code_account FOREIGN KEY (account_id)
    REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Signed-in browsers. Signing out deletes the row, so a copied cookie stops working at once.
CREATE TABLE web_session (
  id                    BIGINT        NOT NULL AUTO_INCREMENT,
  token_hash            VARCHAR(64)   NOT NULL,
  account_id            BIGINT        NOT NULL,
  created_at            DATETIME(6)   NOT NULL,
  expires_at            DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_web_session_token_hash UNIQUE (token_hash),
  CONSTRAINT fk_web_session_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_web_session_account ON web_session (account_id);
