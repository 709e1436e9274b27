-- Graph colouring runs may ask for a k-colouring: k is stored with the run (NULL: a chromatic
-- search, and every run of another family), so a run queued again after a restart keeps it.
ALTER TABLE runs ADD COLUMN colors INTEGER;
