-- Where a remote actor publishes its pinned posts (its `featured` collection, on its own host):
-- read to fetch its pins and to recognise its Add and Remove of them. NULL for local accounts
-- (theirs is derived from the username) and for actors that name none.
ALTER TABLE account ADD COLUMN featured_url VARCHAR(512) NULL;
