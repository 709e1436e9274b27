// Usage texts of every command, apart from the commands: `--help` and the command list must not
// load a command's imports (the service stack alone takes a third of a second).

// Kept in step with the registries by test/cli-solve.test.ts and test/cli.test.ts.
const LOAD_FLAGS = `[--family maxsat|maxcut|qubo|coloring] [--format auto|cnf|wcnf-old|wcnf|rudy|orlib|biqmac|qubo-json|col]
         [--select K] [--relaxed]`;
const FAMILIES_NOTE = `Families: MAX-SAT (DIMACS cnf, wcnf-old, wcnf; minimised cost), Max-Cut (rudy/Gset "n m" then
"i j w"; cut weight, maximised), QUBO (OR-Library files of several instances, pick with FILE#K or
--select K, maximised; Biq Mac .sparse, minimised; JSON {n, sense, offset, terms:[[i,j,q],…]}, 0-based,
each term once), graph colouring (DIMACS .col "p edge V E" then "e u v"; colours used, minimised,
conflicting edges forbidden). The family and format are detected from the content and the file name
(an "n m" file is Max-Cut unless named .sparse or --family qubo); --family and --format name them.`;

export const INFO_USAGE = `usage: polystep info <file|-> ${LOAD_FLAGS} [--json]
${FAMILIES_NOTE}`;

export const VERIFY_USAGE = `usage: polystep verify <file> <assignment|assignment-file|->
         ${LOAD_FLAGS} [--max-falsified N] [--model]
The assignment is a 0/1 string (one character per variable), a literal list
("1 -2 3 0"), or solver output whose "v" lines hold either. Values past the variable
count are ignored with a warning, as the MaxSAT Evaluation checker does.
For Max-Cut and QUBO it prints the objective in its own sense ("o" line) and the family's figures.
For graph colouring the assignment is one colour per vertex (whitespace-separated integers, vertex 1
first, any labels) or solver output's "v" lines; it prints the colours used and the conflicting
edges (the first N of them, --max-falsified), and "o" only for a proper colouring.
Exit code: 30 optimum (cost equals the bound every assignment pays; colouring: as many colours as a
clique it finds has vertices), 10 feasible (a proper colouring), 20 the hard clauses cannot all hold,
0 the assignment breaks hard clauses (an improper colouring), 1 bad input.`;

export const GEN_USAGE = `usage: polystep gen --vars N [--family maxsat|maxcut|qubo|coloring] [--seed 42] [--out FILE]
  maxsat:  [--ratio 4.27] [--k 3] [--weighted MAX]
  maxcut:  [--edges M | --density 0.1] [--weights unit|pm1|LO..HI]
  qubo:    [--edges M | --density 0.1] [--weights LO..HI] [--format biqmac|orlib|qubo-json] [--sense min|max]
  coloring: [--edges M | --density 0.1] [--planted K]
Writes a seeded random instance (the same flags give the same file). MAX-SAT (default): the random
k-SAT instance of the PolyStep paper (clauses = trunc(N * ratio), CPython random.Random(seed) draws) as
DIMACS CNF; with --weighted, as 2022 WCNF with weights 1..MAX. Max-Cut: N nodes and M distinct uniform
edges (or a --density fraction of all pairs), unit weights unless --weights says otherwise, in rudy
(Gset) format. QUBO: an upper-triangle Q of N variables with M nonzero entries (diagonal included),
weights -100..100 by default, as Biq Mac .sparse (minimise x'Qx), an OR-Library file of one instance
(maximise x'Qx), or JSON {n, sense, terms} (--sense, default min). Graph colouring: N vertices and M
distinct uniform edges (or a --density fraction of all pairs) as DIMACS .col; with --planted K, every
vertex first gets one of K hidden colours and edges only join different ones, so K colours suffice.`;

export const SOLVE_USAGE = `usage: polystep solve <file|-> [--solver polystep|polystep-es|openai-es|walksat|probsat|tabu|dsatur|tabucol|hea|hybrid]
         [--preset default|paper|focused] [--backend auto|cpu|tfjs|gpu] [--steps N] [--time-limit SECONDS]
         [--seed K] [--target OBJECTIVE] [--stall N] [--colors K] [--config JSON|@file] [--json]
         ${LOAD_FLAGS} [--progress] [--quiet]
${FAMILIES_NOTE}
Prints "o OBJECTIVE" at each better feasible assignment, then "s STATUS" and "v" (one 0/1 per
variable); the v model always scores exactly the last o. MAX-SAT's o is its cost (MaxSAT Evaluation
style); Max-Cut's is the cut weight and QUBO's x'Qx, each in its own sense (--target too).
walksat and probsat solve MAX-SAT only, tabu Max-Cut and QUBO, dsatur, tabucol and hea graph colouring;
polystep and hybrid solve every family, polystep-es and openai-es all but colouring. Colouring: without
--colors a chromatic search (DSATUR's colouring, then one colour fewer after each proper one, an "o"
line each time); --colors K searches a K-colouring and stops at the first proper one (K or fewer
colours); a run that ends without one prints its best K-colouring's conflicts and "s UNKNOWN".
--colors on another family is a usage error.
--json prints only one final JSON line {family, sense, status, objective, feasible, metrics,
assignment, …} with exact numbers as strings. First, for MAX-SAT, a budgeted CDCL check of the hard clauses:
"s UNSATISFIABLE" when they cannot all hold, else its model is the first answer. --time-limit
counts from the start (parsing included). --config overrides the preset's PolyStep settings, checked
as the REST API checks a run's "config" (e.g. '{"particleDim":4,"numProbe":2}'). Progress goes to stderr only when it is a terminal (a bar) or with --progress ("c" lines every 2 s);
--quiet silences it. SIGINT/SIGTERM stop the search and print the best so far; before the search
has started, "s UNKNOWN". Exit code: 30 optimum, 10 feasible, 20 unsatisfiable hard clauses,
0 unknown, 1 bad input. Without --steps or --time-limit: 1000 steps.`;

export const SERVE_USAGE = `usage: polystep serve [--port N] [--db PATH] [--workers N]
Environment: PORT, HOST (default 127.0.0.1), POLYSTEP_DB (default ./data/polystep.db), POLYSTEP_WORKERS,
POLYSTEP_MAX_QUEUED, POLYSTEP_MAX_UPLOAD_BYTES, POLYSTEP_REQUEUE_INTERRUPTED=1, POLYSTEP_LOG_REQUESTS=0;
access and limits: POLYSTEP_API_TOKEN, POLYSTEP_ALLOWED_ORIGINS, POLYSTEP_RATE_LIMIT, POLYSTEP_MAX_ACTIVE_RUNS,
POLYSTEP_MAX_RUN_TIME_MS, POLYSTEP_MAX_CELL_TIME_MS, POLYSTEP_MAX_BENCHMARK_CELLS, POLYSTEP_MAX_VARIABLES,
POLYSTEP_MAX_CLAUSES (README: Security and limits).
Cluster (README: Running a cluster): POLYSTEP_REDIS_URL (e.g. redis://redis:6379) sends runs and benchmark
cells to "polystep worker" processes through a BullMQ queue instead of this process's threads (--workers
then has no effect); POLYSTEP_REDIS_QUEUE (default polystep), POLYSTEP_REDIS_MAX_IN_FLIGHT (default: the
live workers' total concurrency plus one). This process stays the only writer of the database.`;

export const WORKER_USAGE = `usage: polystep worker --redis URL [--concurrency N] [--queue NAME] [--name NAME] [--grace SECONDS]
Takes runs and benchmark cells from the BullMQ queue of a "polystep serve" started with POLYSTEP_REDIS_URL,
runs up to N at once on its own worker threads (default: the cores less one, at least 1) and streams their
events back through Redis. --redis defaults to POLYSTEP_REDIS_URL, --queue to POLYSTEP_REDIS_QUEUE (polystep),
--concurrency to POLYSTEP_WORKER_CONCURRENCY.
SIGINT/SIGTERM: takes no new job, lets running ones finish for --grace seconds (default 10), then stops them
(their runs end interrupted with their best so far). A worker killed outright is noticed within about 5 s:
its run ends interrupted (queued again when the API has POLYSTEP_REQUEUE_INTERRUPTED=1).`;

export const BENCH_USAGE = `usage: polystep bench --suite TAG|FOLDER|PATH|GLOB [--solvers LIST] [--seeds N] [--time-limit|--time T]
         [--max-evaluations N] [--name NAME] [--db PATH] [--workers N] [--backend auto|cpu|tfjs|gpu]
         [--report FILE.html|.csv|.json|.md] [--quiet]
Runs every (instance, solver, seed) cell and stores it in the database (POLYSTEP_DB, default ./data/polystep.db).
Suites: a manifest tag (satlib-small, maxsat-regression, paper-random, gset-small, gset, qubo-orlib,
qubo-bqp250, qubo-gka, qubo, coloring-small, coloring-dimacs, coloring), a folder below instances/
(satlib/uf50-218, coloring), one instance of a multi-instance file (qubo/orlib/bqp50.txt#3),
or instance files (data/*.wcnf). Solvers (default polystep:default): polystep:default, polystep:paper,
polystep-es, openai-es, walksat, probsat, tabu, dsatur, tabucol, hea, hybrid; a solver that cannot solve a
family of the suite is refused before any cell runs. Colouring cells run the chromatic search; their objective is the colours used. Seeds 1..N
(default 5). Per cell: --time-limit or --time (500ms, 10s, 2m or seconds; default 10s unless --max-evaluations
is given) and/or --max-evaluations. Objectives are reported in each problem's sense (min or max), with
the gap to the best known. The same name and definition resumes (stored cells are skipped; the default
name is the definition itself). SIGINT/SIGTERM stop cleanly: cells in flight are dropped, status interrupted.
Exit code: 0 completed, 130 interrupted, 1 failed or bad input, 2 bad usage.`;
