-- Attempts: a run re-queued after a crash runs again as attempt 2, 3, …; each event records the
-- attempt it belongs to, so a trace that spans several attempts can be told apart.
ALTER TABLE runs ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1;
ALTER TABLE run_events ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1;

-- Runs an earlier build marked interrupted after a crash had no stop reason and no terminal event:
-- give them both, as a crash recovery now does (a graceful stop always wrote `aborted`).
INSERT INTO run_events (run_id, seq, type, status, created_at)
SELECT r.id, coalesce((SELECT max(e.seq) FROM run_events e WHERE e.run_id = r.id), 0) + 1, 'status', 'interrupted', coalesce(r.finished_at, r.queued_at)
FROM runs r
WHERE r.status = 'interrupted' AND r.stop_reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM run_events e WHERE e.run_id = r.id AND e.type = 'status' AND e.status = 'interrupted');
UPDATE runs SET stop_reason = 'crashed' WHERE status = 'interrupted' AND stop_reason IS NULL;
