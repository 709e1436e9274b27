-- The client that submitted a run (its rate-limit key: the remote address), so the cap on active runs
-- per client holds across restarts; NULL for runs from before this column and for benchmark cells.
ALTER TABLE runs ADD COLUMN client_key TEXT;
CREATE INDEX runs_client_active ON runs (client_key) WHERE status IN ('queued', 'running');
