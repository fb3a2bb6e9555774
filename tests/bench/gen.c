/*
 * gen: deterministic data for the benchmarks.
 *   gen survey ROWS [SEED]   a generic survey export on stdout (CSV, one header row),
 *                            with quoted commas, doubled quotes, newlines and
 *                            non-ASCII in the comments: about 160 bytes a row.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t state;

static uint64_t next(void)
{
	uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int pick(int n)
{
	return (int)(next() % (uint64_t)n);
}

static const char *const comments[] = {
	"Delivery was quick, and the machine works perfectly.",
	"The grinder is \"\"quieter\"\" than advertised, which I love.",
	"Support took three days to answer.\nThen they fixed it in ten minutes, though.",
	"Packaging was damaged; the beans were fine, luckily.",
	"Très bon café, livraison rapide. Merci !",
	"Ordered twice, got the wrong grind twice.\nPlease check your labels.",
	"Great service 👍 will order again",
	"価格は少し高いですが、品質は最高です。",
	"Price is fair, quality excellent, shipping slow",
	"Nothing to add.",
	"The app kept logging me out, so I ordered by phone; the person was lovely.",
	"",
};
static const char *const first[] = { "dana", "sam", "priya", "jonas", "maria", "wei", "aisha", "tom",
				     "lucia", "ben", "omar", "hannah", "kenji", "fatima", "liam", "zoe" };
static const char *const last[] = { "Ruiz", "Okafor", "Nguyen", "Schmidt", "Rossi", "García", "Khan", "Larsen" };
static const char *const stores[] = { "Web shop", "Main Street store", "Harbour store", "\"\"\"Pop-up\"\" market, Old Town\"" };
static const char *const domains[] = { "example.com", "example.org", "example.net", "mail.example.com" };

static int survey(long rows)
{
	const int64_t start = 1735689600; /* 2025-01-01 */
	printf("id,name,email,submitted_at,Which store did you order from?,"
	       "How likely are you to recommend us to a friend or colleague?,"
	       "How satisfied were you with your order?,How easy was it to get what you needed?,"
	       "Anything else you want to tell us?\n");
	for (long i = 1; i <= rows; i++) {
		int64_t t = start + (int64_t)(i * (31536000 / (rows > 0 ? rows : 1))) + pick(3600);
		time_t tt = (time_t)t;
		struct tm tm;
		char when[32];
		gmtime_r(&tt, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
		int nps = pick(11), csat = 1 + pick(5), ces = 1 + pick(7);
		const char *c = comments[pick((int)(sizeof comments / sizeof comments[0]))];
		const char *fn = first[pick(16)];
		printf("R%08ld,%c%s %s,%s.%ld@%s,%s,%s,%d,%d,%d,", i, fn[0] - 32, fn + 1, last[pick(8)], fn,
		       i % 100000, domains[pick(4)], when, stores[pick(4)], nps, csat, ces);
		if (*c)
			printf("\"%s\"", c);
		putchar('\n');
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc < 3 || strcmp(argv[1], "survey")) {
		fprintf(stderr, "usage: gen survey ROWS [SEED]\n");
		return 2;
	}
	state = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
	return survey(strtol(argv[2], NULL, 10));
}
