-- A run may ask to be started again when the process or machine running it is lost (a crash of the
-- service, a remote worker killed): it is queued again while its attempt is below max_attempts.
ALTER TABLE runs ADD COLUMN max_attempts INTEGER NOT NULL DEFAULT 1;
