-- Posts (statuses), local and remote, in one table: replies, timelines and interactions point at
-- a status whichever server it lives on. Ids are made by the application (millisecond time << 16
-- | sequence, as Mastodon's), so ordering by id is ordering by time and max_id pages go back in time.
-- uri is the ActivityPub id; url the page people open; conversation the thread's context.
CREATE TABLE status (
  id                      BIGINT        NOT NULL,
  uri                     VARCHAR(512)  NOT NULL,
  url                     VARCHAR(512)  NULL,
  account_id              BIGINT        NOT NULL,
  `local`                 BOOLEAN       NOT NULL,
  in_reply_to_id          BIGINT        NULL,
  in_reply_to_uri         VARCHAR(512)  NULL,
  in_reply_to_account_id  BIGINT        NULL,
  conversation            VARCHAR(512)  NOT NULL,
  visibility              VARCHAR(16)   NOT NULL,
  -- What the author typed (local statuses only); content is the HTML that is shown and published.
  `text`                  MEDIUMTEXT    NULL,
  content                 MEDIUMTEXT    NOT NULL,
  spoiler_text            TEXT          NOT NULL,
  `sensitive`             BOOLEAN       NOT NULL DEFAULT FALSE,
  `language`              VARCHAR(16)   NULL,
  application_id          BIGINT        NULL,
  replies_count           INT           NOT NULL DEFAULT 0,
  reblogs_count           INT           NOT NULL DEFAULT 0,
  favourites_count        INT           NOT NULL DEFAULT 0,
  created_at              DATETIME(6)   NOT NULL,
  edited_at               DATETIME(6)   NULL,
  updated_at              DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_status_uri UNIQUE (uri),
  CONSTRAINT ck_status_visibility CHECK (visibility IN ('public', 'unlisted', 'private', 'direct')),
  CONSTRAINT fk_status_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
  -- A deleted parent leaves its replies in place; in_reply_to_uri still names it.
  CONSTRAINT fk_status_in_reply_to FOREIGN KEY (in_reply_to_id) REFERENCES status (id) ON DELETE SET NULL,
  CONSTRAINT fk_status_in_reply_to_account FOREIGN KEY (in_reply_to_account_id)
    REFERENCES account (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_status_account ON status (account_id, id);
CREATE INDEX ix_status_in_reply_to ON status (in_reply_to_id);
CREATE INDEX ix_status_in_reply_to_uri ON status (in_reply_to_uri);
CREATE INDEX ix_status_conversation ON status (conversation);

-- Accounts a status mentions, by id (local or remote): they may see it (direct, followers-only)
-- and, once federation delivers statuses, they are addressed.
CREATE TABLE status_mention (
  status_id               BIGINT        NOT NULL,
  account_id              BIGINT        NOT NULL,
  PRIMARY KEY (status_id, account_id),
  CONSTRAINT fk_status_mention_status FOREIGN KEY (status_id) REFERENCES status (id) ON DELETE CASCADE,
  CONSTRAINT fk_status_mention_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_status_mention_account ON status_mention (account_id, status_id);

-- Hashtags, lower case (the displayed form stays in the content).
CREATE TABLE status_tag (
  status_id               BIGINT        NOT NULL,
  `name`                  VARCHAR(100)  NOT NULL,
  PRIMARY KEY (status_id, `name`),
  CONSTRAINT fk_status_tag_status FOREIGN KEY (status_id) REFERENCES status (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_status_tag_name ON status_tag (`name`, status_id);

-- Earlier versions of edited statuses: each row is a version as it was from created_at until edited_at.
CREATE TABLE status_edit (
  id                      BIGINT        NOT NULL AUTO_INCREMENT,
  status_id               BIGINT        NOT NULL,
  `text`                  MEDIUMTEXT    NULL,
  content                 MEDIUMTEXT    NOT NULL,
  spoiler_text            TEXT          NOT NULL,
  `sensitive`             BOOLEAN       NOT NULL DEFAULT FALSE,
  `language`              VARCHAR(16)   NULL,
  created_at              DATETIME(6)   NOT NULL,
  edited_at               DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_status_edit_status FOREIGN KEY (status_id) REFERENCES status (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_status_edit_status ON status_edit (status_id, id);

-- POST /api/v1/statuses with an Idempotency-Key: the same key from the same account within an
-- hour returns the first status. The key is stored as its SHA-256 (64 hex digits), any length in.
CREATE TABLE status_idempotency (
  account_id              BIGINT        NOT NULL,
  key_hash                VARCHAR(64)   NOT NULL,
  status_id               BIGINT        NOT NULL,
  created_at              DATETIME(6)   NOT NULL,
  PRIMARY KEY (account_id, key_hash),
  CONSTRAINT fk_status_idempotency_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
  CONSTRAINT fk_status_idempotency_status FOREIGN KEY (status_id) REFERENCES status (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
