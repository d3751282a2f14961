-- Who follows whom, on any server. One row per pair: 'pending' until the followed side accepts
-- (a locked local account, or a remote server that has not answered yet), then 'accepted'.
-- uri is the Follow activity's id, ours or the remote's: Accept, Reject and Undo refer to it.
CREATE TABLE follow (
  id                    BIGINT        NOT NULL AUTO_INCREMENT,
  account_id            BIGINT        NOT NULL,
  target_account_id     BIGINT        NOT NULL,
  uri                   VARCHAR(512)  NOT NULL,
  state                 VARCHAR(16)   NOT NULL,
  created_at            DATETIME(6)   NOT NULL,
  updated_at            DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_follow_pair UNIQUE (account_id, target_account_id),
  CONSTRAINT uq_follow_uri UNIQUE (uri),
  CONSTRAINT ck_follow_state CHECK (state IN ('pending', 'accepted')),
  CONSTRAINT fk_follow_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
  CONSTRAINT fk_follow_target FOREIGN KEY (target_account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_follow_target_state ON follow (target_account_id, state, id);
CREATE INDEX ix_follow_account_state ON follow (account_id, state, id);

CREATE TABLE account_block (
  id                    BIGINT        NOT NULL AUTO_INCREMENT,
  account_id            BIGINT        NOT NULL,
  target_account_id     BIGINT        NOT NULL,
  uri                   VARCHAR(512)  NOT NULL,
  created_at            DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_block_pair UNIQUE (account_id, target_account_id),
  CONSTRAINT uq_block_uri UNIQUE (uri),
  CONSTRAINT fk_block_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
  CONSTRAINT fk_block_target FOREIGN KEY (target_account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_block_target ON account_block (target_account_id);

-- Ids of inbound activities already handled: the same activity delivered twice changes nothing.
CREATE TABLE received_activity (
  uri                   VARCHAR(512)  NOT NULL,
  received_at           DATETIME(6)   NOT NULL,
  PRIMARY KEY (uri)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_received_activity_at ON received_activity (received_at);

-- Outbound activities waiting to be POSTed, written in the same transaction as the change that
-- caused them, so a crash between commit and send loses nothing. Signed at send time with the
-- sender's key.
CREATE TABLE delivery (
  id                    BIGINT        NOT NULL AUTO_INCREMENT,
  sender_account_id     BIGINT        NOT NULL,
  inbox_url             VARCHAR(512)  NOT NULL,
  activity_uri          VARCHAR(512)  NOT NULL,
  payload               MEDIUMTEXT    NOT NULL,
  state                 VARCHAR(16)   NOT NULL DEFAULT 'pending',
  attempts              INT           NOT NULL DEFAULT 0,
  next_attempt_at       DATETIME(6)   NOT NULL,
  last_status           INT           NULL,
  last_error            VARCHAR(512)  NULL,
  created_at            DATETIME(6)   NOT NULL,
  updated_at            DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT ck_delivery_state CHECK (state IN ('pending', 'done', 'failed')),
  CONSTRAINT fk_delivery_sender FOREIGN KEY (sender_account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_delivery_due ON delivery (state, next_attempt_at);
