-- What happened to a local account that it should hear about: a follow, a follow request, a
-- mention or reply, a like, a boost, an edit of a post it boosted. account_id is the local
-- recipient, from_account_id who did it; status_id the post concerned (NULL for follows). A
-- notification goes when its status or either account goes. Ids only grow, so pages by id are
-- pages by time. Written after the change that caused it has committed (see README).
CREATE TABLE notification (
  id                      BIGINT        NOT NULL AUTO_INCREMENT,
  account_id              BIGINT        NOT NULL,
  from_account_id         BIGINT        NOT NULL,
  `type`                  VARCHAR(32)   NOT NULL,
  status_id               BIGINT        NULL,
  created_at              DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT ck_notification_type CHECK (`type` IN
    ('follow', 'follow_request', 'mention', 'favourite', 'reblog', 'update')),
  CONSTRAINT fk_notification_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
  CONSTRAINT fk_notification_from_account FOREIGN KEY (from_account_id) REFERENCES account (id) ON DELETE CASCADE,
  CONSTRAINT fk_notification_status FOREIGN KEY (status_id) REFERENCES status (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX ix_notification_account ON notification (account_id, id);
CREATE INDEX ix_notification_status ON notification (status_id);
CREATE INDEX ix_notification_from_account ON notification (from_account_id);

-- Read positions (Mastodon's markers): the last notification (or home status) a person has read,
-- shared by all their clients. version counts the updates, as clients use it to detect conflicts.
CREATE TABLE read_marker (
  account_id              BIGINT        NOT NULL,
  timeline                VARCHAR(16)   NOT NULL,
  last_read_id            BIGINT        NOT NULL,
  version                 INT           NOT NULL DEFAULT 1,
  updated_at              DATETIME(6)   NOT NULL,
  PRIMARY KEY (account_id, timeline),
  CONSTRAINT ck_read_marker_timeline CHECK (timeline IN ('home', 'notifications')),
  CONSTRAINT fk_read_marker_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
