-- Posts an account pinned to its profile (its own public, unlisted or followers-only posts; at
-- most five, as Mastodon). A pin goes with its post or its account.
CREATE TABLE status_pin (
  account_id              BIGINT        NOT NULL,
  status_id               BIGINT        NOT NULL,
  created_at              DATETIME(6)   NOT NULL,
  PRIMARY KEY (account_id, status_id),
  CONSTRAINT fk_status_pin_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
  CONSTRAINT fk_status_pin_status FOREIGN KEY (status_id) REFERENCES status (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_status_pin_status ON status_pin (status_id);
