-- Per-host delivery health (Mastodon, Misskey and Smithereen: 7 distinct failure days = unavailable).
-- A row appears on a host's first failed delivery; hosts that never failed have none.
CREATE TABLE remote_host (
  host                  VARCHAR(255)  NOT NULL,
  first_failure_at      DATETIME(6)   NULL,
  failure_days          INT           NOT NULL DEFAULT 0,
  last_failure_day      DATE          NULL,
  unavailable_since     DATETIME(6)   NULL,
  gone                  BOOLEAN       NOT NULL DEFAULT FALSE,
  last_success_at       DATETIME(6)   NULL,
  updated_at            DATETIME(6)   NOT NULL,
  PRIMARY KEY (host)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Set while a worker holds a claimed job; tells in-flight jobs from ones waiting for a retry.
ALTER TABLE delivery ADD COLUMN claimed_until DATETIME(6) NULL;
