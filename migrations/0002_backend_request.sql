-- The evaluation backend a run asked for (auto, cpu, tfjs, gpu); `backend` keeps the one it got.
ALTER TABLE runs ADD COLUMN backend_request TEXT NOT NULL DEFAULT 'auto';
