-- Deliberately fails (unknown table), for the test of a failing migration.
ALTER TABLE no_such_table ADD COLUMN x INT;
