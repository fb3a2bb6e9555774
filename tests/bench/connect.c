/*
 * tests/bench/pg's yardstick for a server: the time to connect to it and
 * leave again, and nothing else (no process start, no statement). Prints
 * the median of N connections in milliseconds.
 *
 *   connect URL [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <libpq-fe.h>

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: connect URL [N]\n");
		return 2;
	}
	int n = argc > 2 ? atoi(argv[2]) : 20;
	if (n < 1)
		n = 1;
	double *ms = calloc((size_t)n, sizeof *ms);
	if (!ms)
		return 1;
	for (int i = 0; i < n; i++) {
		struct timespec a, b;
		clock_gettime(CLOCK_MONOTONIC, &a);
		PGconn *c = PQconnectdb(argv[1]);
		if (PQstatus(c) != CONNECTION_OK) {
			fprintf(stderr, "connect: %s", PQerrorMessage(c));
			PQfinish(c);
			return 1;
		}
		PQfinish(c);
		clock_gettime(CLOCK_MONOTONIC, &b);
		ms[i] = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
	}
	qsort(ms, (size_t)n, sizeof *ms, cmp);
	printf("%.1f\n", n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2);
	free(ms);
	return 0;
}
