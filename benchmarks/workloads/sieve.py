"""sieve.py - the CPU benchmark's sieve of Eratosthenes in plain Python.

The same algorithm as sieve.s and sieve.c, step for step (no slicing tricks,
which would do the work in C): set 8192 flags to 1, then for I = 2..8191, if
FLAGS[I] is set, count I as prime and clear FLAGS[2I], FLAGS[3I], ... below
8192.  benchmarks/native.py times it in-process.
"""
from __future__ import annotations

NFLAGS = 8192


def sieve_pass(flags: bytearray) -> int:
    """One pass over ``flags`` (a bytearray of NFLAGS); returns the primes found."""
    for i in range(NFLAGS):
        flags[i] = 1
    count = 0
    for i in range(2, NFLAGS):
        if flags[i]:
            count += 1
            j = i + i
            while j < NFLAGS:
                flags[j] = 0
                j += i
    return count
