-- Boosts (reblogs) are statuses, as Mastodon stores them: a row whose reblog_of_id names the
-- boosted status, with empty content, uri = the Announce activity's id and its own visibility.
-- Ordering home timelines by id then places a boost at the time it was made. A boost goes with
-- the status it boosts. One boost per account and status (NULLs, every ordinary status, are
-- distinct in a unique key on both databases).
ALTER TABLE status ADD COLUMN reblog_of_id BIGINT NULL;
ALTER TABLE status ADD CONSTRAINT fk_status_reblog_of FOREIGN KEY (reblog_of_id) REFERENCES status (id) ON DELETE CASCADE;
ALTER TABLE status ADD CONSTRAINT uq_status_reblog UNIQUE (reblog_of_id, account_id);

-- Likes (favourites), local and remote. uri is the Like activity's id, ours or the remote's: an
-- Undo refers to it. Ids are made by the application and time-sortable, as status ids are, so a
-- list of someone's likes pages by id from the newest. status.favourites_count is kept in step in
-- the same transaction as each row.
CREATE TABLE favourite (
  id                    BIGINT        NOT NULL,
  account_id            BIGINT        NOT NULL,
  status_id             BIGINT        NOT NULL,
  uri                   VARCHAR(512)  NOT NULL,
  created_at            DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_favourite_pair UNIQUE (account_id, status_id),
  CONSTRAINT uq_favourite_uri UNIQUE (uri),
  CONSTRAINT fk_favourite_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
  CONSTRAINT fk_favourite_status FOREIGN KEY (status_id) REFERENCES status (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_favourite_account ON favourite (account_id, id);
CREATE INDEX ix_favourite_status ON favourite (status_id, id);

-- A local person's liked posts are on their profile unless they hide them.
ALTER TABLE local_user ADD COLUMN hide_favourites BOOLEAN NOT NULL DEFAULT FALSE;
