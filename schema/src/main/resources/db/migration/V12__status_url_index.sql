-- Search finds a status by the page people paste (its url) as well as by its ActivityPub id (uri,
-- already unique): without this index that lookup reads the whole table.
CREATE INDEX ix_status_url ON status (url);
