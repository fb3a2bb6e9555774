/*
 * A deliberately modest sentiment guess for feedback that has no rating: a
 * small English lexicon, with "not", "never", "no" and friends turning the
 * next few words of their clause around. It guesses only when the text
 * leans clearly one way; otherwise it says nothing, and what it says is
 * always shown as a guess, which a person can overrule with `cx feedback tag`.
 */
#include <ctype.h>
#include <string.h>

#include "cx/feedback.h"

static const char *const positive[] = {
	"amazing", "awesome", "best", "brilliant", "delicious", "delighted", "easy", "excellent", "fantastic",
	"fast", "friendly", "glad", "good", "great", "happy", "helpful", "impressed", "kind", "love", "loved",
	"lovely", "nice", "perfect", "perfectly", "pleasant", "pleased", "polite", "quick", "recommend",
	"recommended", "reliable", "smooth", "superb", "thank", "thanks", "wonderful", "worth",
	NULL,
};
static const char *const negative[] = {
	"angry", "annoyed", "awful", "bad", "broken", "cold", "complaint", "crushed", "damaged", "dirty",
	"disappointed", "disappointing", "disgusting", "expensive", "fail", "failed", "horrible", "ignored",
	"late", "leak", "leaks", "lost", "mess", "missing", "never", "overpriced", "poor", "refund", "rude",
	"scam", "slow", "stale", "terrible", "unacceptable", "unhappy", "useless", "waited", "waiting", "worst",
	"wrong",
	NULL,
};
static const char *const negators[] = {
	"not", "no", "never", "don't", "didn't", "doesn't", "isn't", "wasn't", "won't", "can't", "cannot",
	"hardly", "nothing", "without", NULL,
};

static int in(const char *const *list, const char *w)
{
	for (; *list; list++)
		if (!strcmp(*list, w))
			return 1;
	return 0;
}

const char *cx_sentiment_guess(const char *text)
{
	int pos = 0, neg = 0, flip = 0;
	char w[32];

	if (!text)
		return "";
	for (const char *p = text; *p;) {
		size_t n = 0;
		/* a negation reaches to the end of its clause at most: "not cheap, but excellent" */
		for (; *p && !(isalpha((unsigned char)*p) || *p == '\''); p++)
			if (strchr(".,;:!?", *p))
				flip = 0;
		/* phones write the apostrophe as U+2019 (right single quotation mark): read it as one */
		while (*p && (isalpha((unsigned char)*p) || *p == '\'' || !strncmp(p, "\xe2\x80\x99", 3))) {
			int curly = (unsigned char)*p == 0xe2;
			if (n + 1 < sizeof w)
				w[n++] = curly ? '\'' : (char)tolower((unsigned char)*p);
			p += curly ? 3 : 1;
		}
		w[n] = '\0';
		if (!n)
			continue;
		/* any "...n't" turns the next words around: wouldn't, couldn't, aren't */
		if (in(negators, w) || (n > 3 && !strcmp(w + n - 3, "n't"))) {
			/* "never" is negative on its own too ("never arrived") */
			if (!strcmp(w, "never"))
				neg++;
			flip = 3;
			continue;
		}
		if (!strcmp(w, "but"))
			flip = 0;
		int s = in(positive, w) ? 1 : in(negative, w) ? -1 : 0;
		if (flip > 0) {
			s = -s;
			flip--;
		}
		pos += s > 0;
		neg += s < 0;
	}
	/* Only a clear lean is worth a guess. */
	if (pos >= neg + 2 || (pos >= 1 && neg == 0))
		return "positive";
	if (neg >= pos + 2 || (neg >= 1 && pos == 0))
		return "negative";
	return "";
}
