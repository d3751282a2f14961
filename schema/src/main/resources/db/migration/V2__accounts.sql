-- Actors, local and remote, in one table (as Mastodon and GoToSocial do): follows, blocks and
-- posts point at an account whichever server it lives on. A local account has domain '' (not
-- NULL: a UNIQUE key treats NULLs as distinct on MariaDB) and a row in local_user.
CREATE TABLE account (
  id                    BIGINT        NOT NULL AUTO_INCREMENT,
  username              VARCHAR(255)  NOT NULL,
  domain                VARCHAR(253)  NOT NULL DEFAULT '',
  actor_type            VARCHAR(32)   NOT NULL DEFAULT 'Person',
  uri                   VARCHAR(512)  NOT NULL,
  url                   VARCHAR(512)  NULL,
  display_name          VARCHAR(255)  NOT NULL DEFAULT '',
  note                  TEXT          NULL,
  inbox_url             VARCHAR(512)  NULL,
  outbox_url            VARCHAR(512)  NULL,
  shared_inbox_url      VARCHAR(512)  NULL,
  followers_url         VARCHAR(512)  NULL,
  following_url         VARCHAR(512)  NULL,
  public_key_id         VARCHAR(512)  NULL,
  public_key_pem        TEXT          NULL,
  private_key_pem       TEXT          NULL,
  ed25519_key_id        VARCHAR(512)  NULL,
  ed25519_public        VARCHAR(128)  NULL,
  ed25519_private       TEXT          NULL,
  locked                BOOLEAN       NOT NULL DEFAULT FALSE,
  discoverable          BOOLEAN       NOT NULL DEFAULT TRUE,
  indexable             BOOLEAN       NOT NULL DEFAULT TRUE,
  followers_count       INT           NOT NULL DEFAULT 0,
  following_count       INT           NOT NULL DEFAULT 0,
  statuses_count        INT           NOT NULL DEFAULT 0,
  created_at            DATETIME(6)   NOT NULL,
  updated_at            DATETIME(6)   NOT NULL,
  fetched_at            DATETIME(6)   NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_account_username_domain UNIQUE (username, domain),
  CONSTRAINT uq_account_uri UNIQUE (uri)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_account_domain ON account (domain);
-- Every signed inbound request looks its key up by id.
CREATE INDEX ix_account_public_key_id ON account (public_key_id);
CREATE INDEX ix_account_ed25519_key_id ON account (ed25519_key_id);

-- Sign-in data of local people and agents. Kept apart from account so that nothing that reads
-- actors can leak a password hash or an e-mail address.
CREATE TABLE local_user (
  account_id            BIGINT        NOT NULL,
  email                 VARCHAR(255)  NULL,
  password_hash         VARCHAR(255)  NULL,
  admin                 BOOLEAN       NOT NULL DEFAULT FALSE,
  approved              BOOLEAN       NOT NULL DEFAULT TRUE,
  disabled              BOOLEAN       NOT NULL DEFAULT FALSE,
  created_at            DATETIME(6)   NOT NULL,
  last_sign_in_at       DATETIME(6)   NULL,
  PRIMARY KEY (account_id),
  CONSTRAINT uq_local_user_email UNIQUE (email),
  CONSTRAINT fk_local_user_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
