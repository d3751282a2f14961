-- Deleted posts, by ActivityPub id. A local one answers 410 Gone with a Tombstone at its id; a
-- remote one (deleted by its author, stored here or not) makes a late Create of that id be
-- dropped, since deliveries can arrive out of order. visibility is the deleted post's (NULL when
-- it was never stored here): who may learn that it existed. account_id is the author (sender).
-- Rows could be pruned after about 30 days (see README); nothing prunes them yet.
CREATE TABLE status_tombstone (
  uri                     VARCHAR(512)  NOT NULL,
  account_id              BIGINT        NULL,
  visibility              VARCHAR(16)   NULL,
  deleted_at              DATETIME(6)   NOT NULL,
  PRIMARY KEY (uri),
  CONSTRAINT fk_status_tombstone_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_status_tombstone_deleted_at ON status_tombstone (deleted_at);
