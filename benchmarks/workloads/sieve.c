/* sieve.c - the CPU benchmark's sieve of Eratosthenes, natively on the host.
 *
 * The same algorithm as sieve.s, step for step, so that a pass here and a
 * pass of the emulated 6502 do the same work: set 8192 one-byte flags to 1,
 * then for I = 2..8191, if FLAGS[I] is set, count I as prime and clear
 * FLAGS[2I], FLAGS[3I], ... below 8192.
 *
 * Usage: sieve PASSES.  Prints "PRIMES PASSES SECONDS": the primes the last
 * pass found (1028) and the time the passes took, measured in here so that
 * process start-up is not counted.  benchmarks/native.py compiles it with
 * the system C compiler at run time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define NFLAGS 8192

static unsigned char flags[NFLAGS];

static int sieve_pass(void)
{
    int count = 0;
    for (int i = 0; i < NFLAGS; i++)
        flags[i] = 1;
    for (int i = 2; i < NFLAGS; i++) {
        if (!flags[i])
            continue;
        count++;
        for (int j = i + i; j < NFLAGS; j += i)
            flags[j] = 0;
    }
    return count;
}

int main(int argc, char **argv)
{
    long passes = argc > 1 ? atol(argv[1]) : 1000;
    struct timespec t0, t1;
    int count = 0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long p = 0; p < passes; p++)
        count = sieve_pass();
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) * 1e-9;
    printf("%d %ld %.9f\n", count, passes, seconds);
    return 0;
}
