-- Media attached to remote posts (images, videos, audio), shown by their remote URLs: the files
-- are neither downloaded nor proxied. position keeps the order the sender listed them in (the
-- attachment property is no ordered list in ActivityStreams, so the order is not in the graph).
-- Every value was checked before it was stored: http(s) URLs only, alt text cut to 1,500
-- characters, a blurhash whose length fits its header, sizes and focal points in range (an
-- absurd one is left out, not the attachment).
CREATE TABLE media_attachment (
  id                      BIGINT        NOT NULL AUTO_INCREMENT,
  status_id               BIGINT        NOT NULL,
  `position`              INT           NOT NULL,
  `type`                  VARCHAR(16)   NOT NULL,
  remote_url              VARCHAR(512)  NOT NULL,
  -- The sender's thumbnail (its icon), for videos and audio mostly.
  preview_remote_url      VARCHAR(512)  NULL,
  media_type              VARCHAR(100)  NULL,
  -- Alt text, plain text.
  `description`           TEXT          NULL,
  blurhash                VARCHAR(200)  NULL,
  width                   INT           NULL,
  height                  INT           NULL,
  focus_x                 DOUBLE        NULL,
  focus_y                 DOUBLE        NULL,
  PRIMARY KEY (id),
  -- Also the index a page's attachments and only_media are read by (status_id first).
  CONSTRAINT uq_media_attachment_position UNIQUE (status_id, `position`),
  CONSTRAINT ck_media_attachment_type CHECK (`type` IN ('image', 'gifv', 'video', 'audio', 'unknown')),
  CONSTRAINT fk_media_attachment_status FOREIGN KEY (status_id) REFERENCES status (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
