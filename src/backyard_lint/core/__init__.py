"""The lean core: the few functions every door shares to decide that a file is clean.

- :mod:`.walk`: the files a folder holds that are linted;
- :mod:`.probe`: whether (and where) a configuration file applies to a folder;
- :mod:`.read`: a regular file's bytes, read without blocking, and whether they are plain text;
- :mod:`.prefilter`: whether a text may hold a finding (literal requirements first, then only the
  triggers a text needs);
- :mod:`.atomic`: writing a file through a temporary file and a rename.

Every module here imports nothing heavier than ``os``, ``stat``, ``sys`` and RE2's compiled
module (``tests/test_core.py`` enforces it): the command's entry point (``entry.py``) uses them
before anything else is imported, and the full path calls the same functions.
"""
