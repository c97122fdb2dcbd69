"""The archive audit: ``backyard-lint audit SOURCE --out DIR`` (the 'audit' extra).

``lint_text`` is a pure function of (text, format, rule set, settings), so the audit maps it
over partitions of an archive on Dask: a local cluster of worker processes by default, an
existing cluster with ``--scheduler``. The modules, each with one job:

- ``dates``: lenient date parsing (pure);
- ``sources``: what SOURCE is and how it splits into partitions (runs in the client);
- ``reading``: one partition's documents, read where the task runs (a worker);
- ``linting``: one document to table rows, and the worker plugin that builds the rule set
  once per worker;
- ``tables``: the Parquet schemas, atomic writes and the final combining;
- ``job``: the Dask job (cluster, tasks, progress, resume);
- ``charts`` and ``report``: the self-contained HTML report and the terminal summary;
- ``cli``: the subcommand's options and glue.

Only ``cli`` is imported by the command line before the subcommand runs; it imports Dask and
pyarrow lazily, and says which extra to install when they are missing.
"""
