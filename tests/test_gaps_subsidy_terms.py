"""The subsidy's behaviours no other test pinned, found by the mutation runs of issue 15 over its
terms, reasons, editions, parameters and the command's rows: each fails when the gap is
reintroduced. (A second file beside test_gaps_subsidy.py, so two runs can each add tests.)
"""

from __future__ import annotations
