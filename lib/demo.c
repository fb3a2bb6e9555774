/*
 * The demo business: "Bean & Burr", a small shop selling espresso machines,
 * grinders and coffee by mail and in one store. A year of customers, cases
 * and notes, generated through the library's own calls with the clock set
 * back, so every row is one a real user could have made.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cx/case.h"
#include "cx/customer.h"
#include "cx/demo.h"
#include "cx/journey.h"
#include "cx/mail.h"
#include "cx/sla.h"
#include "cx/survey.h"
#include "cx/note.h"
#include "store/sql.h"

typedef struct rng {
	uint64_t s;
} rng;

/* splitmix64: small, fast, and the same sequence on every machine. */
static uint64_t next(rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int pick(rng *r, int n)
{
	return (int)(next(r) % (uint64_t)n);
}

static int chance(rng *r, int percent)
{
	return pick(r, 100) < percent;
}

#define PICK(r, arr) (arr[pick(r, (int)(sizeof arr / sizeof arr[0]))])

static const char *const first_names[] = {
	"Dana", "Sam", "Priya", "Jonas", "Maria", "Wei", "Aisha", "Tom", "Lucía", "Ben",
	"Chloé", "Omar", "Hannah", "Kenji", "Fatima", "Liam", "Zoë", "Mateo", "Ingrid", "Noah",
	"Amara", "Felix", "Yuki", "Rosa", "Arjun", "Elena", "Kofi", "Sofia", "Henrik", "Leila",
	"Marcus", "Nadia", "Pablo", "Greta", "Ravi", "Isla", "Dmitri", "Mei", "Tariq", "Olivia",
};
static const char *const last_names[] = {
	"Ruiz", "Okafor", "Nguyen", "Schmidt", "Rossi", "Chen", "Haddad", "Walsh", "García",
	"Becker", "Dubois", "Khan", "Larsen", "Tanaka", "Mensah", "O'Brien", "Novak", "Silva",
	"Johansson", "Patel", "Moreau", "Kowalski", "Ito", "Fernández", "Murphy", "Costa",
};
static const char *const domains[] = {
	"example.com", "mail.example.org", "example.net", "post.example.com", "inbox.example.org",
};
static const char *const orgs[] = {
	"Corner Café", "Hilltop Bakery", "Studio Nine", "The Reading Room", "Green Bean Co-op",
};

typedef struct scenario {
	const char *title;
	const char *channel;
	const char *stage;
	const char *first; /* what the customer said */
	const char *internal;
	const char *reply; /* what we told them */
	const char *outcome;
	const char *tag;
} scenario;

static const scenario scenarios[] = {
	{ "Espresso machine arrived cracked", "phone", "delivery",
	  "Box was dented; drip tray cracked in two places. Photos sent by email.",
	  "Courier claim filed with photos; warehouse says the pallet was dropped.",
	  "We're sending a replacement machine today, and the courier collects the broken one.",
	  "replaced", "damage" },
	{ "Grinder too loud after two weeks", "email", "use",
	  "Burr grinder started squealing; worse on fine settings.",
	  "Known batch issue with the lower burr carrier (batch 2231).",
	  "That sounds like the burr carrier. A replacement part is in the post; here is a video on fitting it.",
	  "part-sent", "noise" },
	{ "Order not delivered", "web", "delivery",
	  "Tracking says delivered but nothing arrived; neighbours have nothing either.",
	  "Courier GPS shows the drop two streets away.",
	  "Sorry about this. We've reshipped by tracked courier; you'll have it Thursday.",
	  "reshipped", "delivery" },
	{ "Charged twice for one order", "email", "purchase",
	  "Two identical charges on my card statement for order 5531.",
	  "Payment provider shows a retry after a timeout; second charge is real.",
	  "You're right, you were charged twice. The duplicate is refunded; allow 3 to 5 days.",
	  "refunded", "billing" },
	{ "Coffee beans stale on arrival", "social", "packaging",
	  "Roast date on the bag was six weeks old, beans taste flat.",
	  "Stock rotation slipped during the holiday rush; batch pulled.",
	  "Thank you for telling us. A fresh bag roasted this week is on its way, on us.",
	  "replaced", "quality" },
	{ "Cannot log in to the web shop", "chat", "purchase",
	  "Password reset email never arrives.",
	  "Reset emails to this provider were bounced by their spam filter.",
	  "We've reset your password by hand; the link we sent by text works for 24 hours.",
	  "fixed", "account" },
	{ "Steam wand leaks", "store", "use",
	  "Steam wand drips constantly, even when closed.",
	  "Valve seal worn; covered by warranty.",
	  "Bring it by the store any weekday; we'll replace the seal while you wait.",
	  "repaired", "warranty" },
	{ "Wrong grind size delivered", "web", "delivery",
	  "Ordered espresso grind, got coarse French press.",
	  "Label printer mapped the grind option wrongly for one afternoon.",
	  "Our mistake: the right grind is on its way and keep the other bag.",
	  "replaced", "order-error" },
	{ "Question about descaling", "phone", "use",
	  "How often should the machine be descaled with hard water?",
	  "Customer lives in a very hard water area; recommended filter.",
	  "Every 4 to 6 weeks with your water; we've sent the guide and a filter sample.",
	  "explained", "how-to" },
	{ "Subscription paused without asking", "email", "service",
	  "My monthly beans stopped coming and nobody told me.",
	  "Card expired; dunning email went to an old address.",
	  "Your subscription is running again and this month's bag ships today.",
	  "fixed", "subscription" },
	{ "Review mentions rude store staff", "social", "service",
	  "Posted that the store assistant was dismissive about a return.",
	  "Spoke with the store team; return policy was misread.",
	  "We're sorry for how that went. The return is accepted and the manager will call you.",
	  "apologised", "store" },
	{ "Warranty claim for pump failure", "phone", "use",
	  "Machine hums but no water comes through after 11 months.",
	  "Pump failure; under warranty. Courier pickup booked.",
	  "We'll collect the machine Tuesday and lend you one while it's repaired.",
	  "repaired", "warranty" },
};

static const char *const owners[] = { "sam", "alex", "priya", "jo" };
static const char *const priorities[] = { "low", "normal", "normal", "normal", "high", "high", "urgent" };
static const char *const followups[] = {
	"Customer called back to check on progress.",
	"Left a voicemail; will try again tomorrow morning.",
	"Customer prefers text messages over calls.",
	"Checked with the warehouse: parcel left this morning.",
	"Customer confirmed the replacement works.",
	"Asked the customer for the serial number on the base plate.",
};

/* Staff work 8:00 to 19:00: a step that lands at night waits for the morning. */
static int64_t office_hours(int64_t t, rng *r)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	if (tm.tm_hour >= 8 && tm.tm_hour < 19)
		return t;
	if (tm.tm_hour >= 19)
		tm.tm_mday++;
	tm.tm_hour = 8;
	tm.tm_min = pick(r, 90);
	tm.tm_sec = pick(r, 60);
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/*
 * The letters of U+00C0 to U+017F (Latin-1 and Latin Extended-A) without
 * their accents, as people write their names in an address: García is
 * garcia, Ødegård odegard, Łukasz lukasz. "" for the two signs among them.
 */
static const char *const plain_latin[] = {
	/* U+00C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00D0 */ "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
	/* U+00E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0 */ "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	/* U+0110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	/* U+0120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	/* U+0130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	/* U+0140 */ "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	/* U+0150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	/* U+0160 */ "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	/* U+0170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

/* Appends name's letters, lower case and without accents, to buf[*k..max); other characters are left out. */
static void plain_letters(const char *name, char *buf, size_t *k, size_t max)
{
	for (const unsigned char *p = (const unsigned char *)name; *p;) {
		const char *add = "";
		char one[2] = { 0 };
		if (*p < 0x80) {
			if (isalpha(*p))
				one[0] = (char)tolower(*p);
			add = one;
			p++;
		} else if (*p >= 0xc3 && *p <= 0xc5 && (p[1] & 0xc0) == 0x80) {
			/* U+00C0 to U+017F are the two-byte sequences led by 0xc3 to 0xc5 */
			add = plain_latin[(((p[0] & 0x1f) << 6) | (p[1] & 0x3f)) - 0xc0];
			p += 2;
		} else {
			for (p++; (*p & 0xc0) == 0x80; p++)
				; /* a letter of another script: an address cannot hold it */
		}
		for (; *add && *k < max; add++)
			buf[(*k)++] = *add;
	}
}

static void make_email(char *buf, size_t size, const char *first, const char *last, int n,
		       const char *domain)
{
	char local[96];
	size_t k = 0;
	plain_letters(first, local, &k, 40);
	local[k++] = '.';
	plain_letters(last, local, &k, 90);
	local[k] = '\0';
	if (n > 0)
		snprintf(buf, size, "%s%d@%s", local, n, domain);
	else
		snprintf(buf, size, "%s@%s", local, domain);
}

/*
 * A journey per customer: how they heard of the shop, looked, bought, got the
 * parcel and used it. The friction is where a small shop's usually is: the
 * web checkout, the tracking page and parcels that arrive crushed.
 */
typedef struct step {
	const char *stage;
	int reach;               /* percent of those at the previous step who get here */
	const char *channels[3]; /* picked 50/30/20 */
	int bad[3];              /* percent unhappy on each channel */
	int hard[3];             /* percent finding it hard on each channel */
	const char *good_text, *bad_text;
} step;

static const step steps[] = {
	{ "awareness", 90, { "social", "web", "store" }, { 5, 5, 0 }, { 0, 5, 0 },
	  "Saw a friend's post about the espresso machines", "Ad kept showing a product that was sold out" },
	{ "consideration", 85, { "web", "store", "chat" }, { 10, 0, 10 }, { 15, 0, 10 },
	  "Compared grinders on the product pages", "Could not find the machine's dimensions anywhere" },
	{ "decision", 80, { "web", "chat", "phone" }, { 10, 5, 5 }, { 10, 5, 5 },
	  "Asked which grinder suits a home setup; good advice", "Waited 20 minutes in chat for an answer" },
	{ "purchase", 85, { "web", "store", "phone" }, { 35, 0, 5 }, { 45, 0, 10 },
	  "Order placed", "Checkout rejected the card twice before it went through" },
	{ "delivery", 95, { "email", "web", "phone" }, { 10, 45, 20 }, { 5, 50, 15 },
	  "Tracking email with a delivery window", "Tracking page said delivered; nothing at the door" },
	{ "packaging", 70, { "packaging", "packaging", "packaging" }, { 25, 25, 25 }, { 10, 10, 10 },
	  "Well packed, recyclable box", "Box crushed on one corner, foam loose" },
	{ "use", 85, { "product", "product", "email" }, { 8, 8, 10 }, { 10, 10, 10 },
	  "First flat white came out perfectly", "Steam wand sputters on the first use" },
	{ "recommendation", 35, { "social", "email", "web" }, { 5, 5, 5 }, { 0, 0, 0 },
	  "Recommended the shop to a friend", "Told a friend to wait for the next model" },
};

static int demo_touchpoints(cx_db *db, rng *r, const int64_t *ids, const int64_t *created, int n, int64_t end,
			    cx_demo_stats *st, cx_err *err)
{
	for (int i = 0; i < n; i++) {
		/* from the day they became a customer: nothing of theirs comes before "customer since" */
		int64_t t = created[i] - 3600 + pick(r, 3600);
		for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
			const step *s = &steps[k];
			if (!chance(r, s->reach))
				break; /* the journey stops here: drop-off */
			t += 3600 + pick(r, (k == 4 ? 4 : 6) * 86400);
			if (t > end)
				break;
			int c = pick(r, 10);
			c = c < 5 ? 0 : c < 8 ? 1 : 2;
			int bad = chance(r, s->bad[c]), hard = chance(r, s->hard[c]);
			cx_touch_in in = {
				.customer_id = ids[i], .at = office_hours(t, r), .channel = s->channels[c], .stage = s->stage,
				.emotion = bad ? -1 - chance(r, 40) : chance(r, 25) ? 0 : 1 + chance(r, 30),
				.effort = hard ? 1 + pick(r, 3) : 4 + pick(r, 4),
				.direction = "in", .summary = bad ? s->bad_text : s->good_text,
			};
			if (chance(r, 15))
				in.effort = 0; /* not every interaction tells how hard it was */
			int64_t id;
			cx_db_set_now(db, in.at);
			int rc = cx_touch_log(db, &in, &id, err);
			if (rc)
				return rc;
			st->touchpoints++;
		}
	}
	return CX_OK;
}

static const char *const praise[] = {
	"Fast delivery and the machine is lovely.", "Great advice before buying, thank you!",
	"Coffee tastes fantastic, will order beans again.", "Easy to order, arrived a day early.",
};
static const char *const gripes[] = {
	"Checkout failed twice, then I was charged twice.", "The box arrived crushed; machine fine but worrying.",
	"Tracking said delivered but it came two days later.", "Support took a week to reply.",
	"Steam wand leaks, \"\"fixed\"\" once already, still leaks.",
};

/* Half the customers who bought answer the post-purchase survey: a Typeform export, imported for real. */
static int demo_survey(cx_db *db, rng *r, char emails[][128], const int64_t *created, int n, int64_t end,
		       cx_demo_stats *st, cx_err *err)
{
	char path[4096];
	const char *tmp = getenv("TMPDIR");
	snprintf(path, sizeof path, "%s/cx-demo-survey-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return cx_fail(err, CX_EIO, "cannot write a temporary file in %s", tmp && *tmp ? tmp : "/tmp");
	FILE *fp = fdopen(fd, "w");
	if (!fp) {
		close(fd);
		unlink(path);
		return cx_fail(err, CX_EIO, "cannot write %s", path);
	}
	fputs("#,How likely are you to recommend Bean & Burr to a friend or colleague?,"
	      "How satisfied are you with your order?,How easy was it to get what you needed?,"
	      "What is the main reason for your score?,Email,Response Type,Start Date (UTC),Stage Date (UTC),"
	      "Submit Date (UTC),Network ID\n", fp);
	for (int i = 0; i < n; i++) {
		if (!chance(r, 50))
			continue;
		int64_t window = end - created[i] - 10 * 86400;
		if (window <= 0)
			continue;
		int64_t t = created[i] + 10 * 86400 + (int64_t)(next(r) % (uint64_t)window);
		int happy = pick(r, 100);
		int nps = happy < 22 ? pick(r, 7) : happy < 45 ? 7 + pick(r, 2) : 9 + pick(r, 2);
		int csat = nps <= 6 ? 1 + pick(r, 3) : nps <= 8 ? 3 + pick(r, 2) : 4 + pick(r, 2);
		int ces = nps <= 6 ? 1 + pick(r, 4) : 4 + pick(r, 4);
		const char *comment = nps <= 6 ? gripes[pick(r, 5)] : chance(r, 60) ? praise[pick(r, 4)] : "";
		char when[32];
		time_t tt = (time_t)t;
		struct tm tm;
		gmtime_r(&tt, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
		fprintf(fp, "demo%04d%08llx,%d,%d,%d,\"%s\",%s,completed,%s,,%s,net%04d\n", i,
			(unsigned long long)(next(r) & 0xffffffffULL), nps, csat, ces, comment, emails[i], when, when, i);
	}
	if (fclose(fp) != 0) {
		unlink(path);
		return cx_fail(err, CX_EIO, "cannot write %s", path);
	}
	cx_survey_import_opts o = { .name = "Post-purchase survey", .tool = "typeform", .follow_up = 1, .zone = "UTC" };
	cx_survey_import_result res;
	cx_db_set_now(db, end - 86400);
	int rc = cx_survey_import(db, path, &o, &res, err);
	unlink(path);
	st->responses = res.added;
	st->followups = res.followups;
	return rc;
}

enum { NCUST = 300, NCASES = 420, DAY = 86400 };

/* The shop's customers, each created on one of the year's first 300 days: their ids, when, and their addresses. */
static int demo_customers(cx_db *db, rng *r, int64_t start, int64_t *ids, int64_t *created, char (*emails)[128],
			  cx_demo_stats *st, cx_err *err)
{
	int rc;
	for (int i = 0; i < NCUST; i++) {
		const char *first = PICK(r, first_names), *last = PICK(r, last_names);
		char name[128], phone[32], handle[64];
		snprintf(name, sizeof name, "%s %s", first, last);
		make_email(emails[i], sizeof emails[i], first, last, i, PICK(r, domains));
		snprintf(phone, sizeof phone, "+1 555 %04d", pick(r, 10000));
		snprintf(handle, sizeof handle, "%c%s%d", tolower((unsigned char)first[0]), "coffee", i);
		const char *tags[2];
		int ntags = 0;
		if (chance(r, 15))
			tags[ntags++] = "vip";
		if (chance(r, 20))
			tags[ntags++] = chance(r, 50) ? "subscriber" : "wholesale";
		created[i] = start + (int64_t)pick(r, 300) * DAY + pick(r, DAY);
		cx_customer_in in = {
			.name = name, .email = emails[i], .phone = chance(r, 70) ? phone : NULL,
			.handle = chance(r, 30) ? handle : NULL,
			.org = ntags && !strcmp(tags[ntags - 1], "wholesale") ? PICK(r, orgs) : NULL,
			.prefers = chance(r, 25) ? (chance(r, 50) ? "text" : "email") : NULL,
			.tags = tags, .ntags = ntags, .at = created[i],
		};
		cx_db_set_now(db, created[i]);
		if ((rc = cx_customer_add(db, &in, &ids[i], err)))
			return rc;
		st->customers++;
	}
	return CX_OK;
}

/*
 * One case of the customer's, following scenario s from t: opened, taken,
 * noted, answered, perhaps put aside, handed off, resolved and closed, each
 * step later than the last; it stops where the clock would pass end.
 */
static int demo_case(cx_db *db, rng *r, const scenario *s, int64_t customer_id, int64_t t, int64_t end,
		     cx_demo_stats *st, cx_err *err)
{
	int rc;
	const char *owner = chance(r, 80) ? PICK(r, owners) : NULL;
	/* The staff do the work: whoever took the call opens it, the owner carries on. */
	cx_db_set_actor(db, PICK(r, owners));
	const char *tags[] = { s->tag };
	cx_case_in in = { .customer_id = customer_id, .title = s->title, .channel = s->channel,
			  .stage = s->stage, .priority = PICK(r, priorities),
			  .tags = tags, .ntags = 1, .note = s->first,
			  .note_kind = !strcmp(s->channel, "phone") ? "call" :
				       !strcmp(s->channel, "email") ? "email" :
				       !strcmp(s->channel, "chat") ? "chat" :
				       !strcmp(s->channel, "store") ? "visit" :
				       !strcmp(s->channel, "social") ? "social" : "other",
			  .at = t };
	int64_t id, n, age = end - t;
	cx_db_set_now(db, t);
	if ((rc = cx_case_open(db, &in, &id, err)))
		return rc;
	st->cases++;
	st->notes++;
	/* Later steps happen while the clock moves on, never past now. */
#define STEP(secs) do { t = office_hours(t + (secs), r); if (t > end) return CX_OK; cx_db_set_now(db, t); } while (0)
	if (owner) {
		STEP(600 + pick(r, 4 * 3600));
		if ((rc = cx_case_assign(db, id, owner, err)))
			return rc;
		cx_db_set_actor(db, owner);
	}
	STEP(1800 + pick(r, 20 * 3600));
	cx_note_in note = { .case_id = id, .kind = "other", .body = s->internal };
	if ((rc = cx_case_note(db, &note, &n, err)))
		return rc;
	st->notes++;
	STEP(900 + pick(r, 6 * 3600));
	cx_note_in reply = { .case_id = id, .public_ = 1,
			     .kind = !strcmp(s->channel, "phone") ? "call" : "email", .body = s->reply };
	if ((rc = cx_case_note(db, &reply, &n, err)))
		return rc;
	st->notes++;
	if (chance(r, 30)) {
		STEP(3600 + pick(r, 2 * DAY));
		if ((rc = cx_case_move(db, id, "pending", NULL, "Waiting for the customer to confirm.", err)))
			return rc;
		st->notes++;
		STEP(3600 + pick(r, 3 * DAY));
		if ((rc = cx_case_move(db, id, "resume", NULL, NULL, err)))
			return rc;
	}
	if (chance(r, 45)) {
		STEP(1800 + pick(r, DAY));
		cx_note_in more = { .case_id = id, .kind = "call", .body = PICK(r, followups) };
		if ((rc = cx_case_note(db, &more, &n, err)))
			return rc;
		st->notes++;
	}
	if (chance(r, 20)) {
		STEP(3600 + pick(r, DAY));
		const char *to = PICK(r, owners);
		if (owner && !strcmp(to, owner))
			to = owner == owners[0] ? owners[1] : owners[0];
		char msg[300];
		snprintf(msg, sizeof msg, "Over to you, %s. %s Next step: confirm with the customer.",
			 to, s->reply);
		if ((rc = cx_case_handoff(db, id, to, msg, err)))
			return rc;
		cx_db_set_actor(db, to);
		st->notes++;
	}
	if (age > 3 * DAY && chance(r, age > 21 * DAY ? 97 : 80)) {
		STEP(3600 + pick(r, 3 * DAY));
		if ((rc = cx_case_move(db, id, "resolve", s->outcome, NULL, err)))
			return rc;
		if (age > 21 * DAY && chance(r, 85)) {
			STEP(7 * DAY + pick(r, 7 * DAY));
			if ((rc = cx_case_move(db, id, "close", NULL, NULL, err)))
				return rc;
		}
	}
#undef STEP
	return CX_OK;
}

int cx_demo_build(cx_db *db, uint64_t seed, cx_demo_stats *st, cx_err *err)
{
	int64_t end = cx_db_now(db), start = end - 365 * (int64_t)DAY, n;
	int64_t ids[NCUST], created[NCUST];
	char emails[NCUST][128];
	rng r = { seed };
	int rc;


	memset(st, 0, sizeof *st);
	if ((rc = cx_sql_get_int(db, 0, &n, err, "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM cases)")))
		return rc;
	if (n)
		return cx_fail(err, CX_EDATA, "the demo needs an empty database (use " CX_FIELD("db") " NEW-FILE)");
	char *me = strdup(cx_db_actor(db));
	if (!me)
		return cx_fail(err, CX_EINTERNAL, "out of memory");
	if ((rc = cx_db_need(db, __func__, err))) {
		free(me);
		return rc;
	}

	/* The shop's hours: service levels count in them. */
	if ((rc = cx_sla_hours_set(db, "mon-fri 08:00-19:00 sat 09:00-13:00", err)))
		goto fail;
	if ((rc = demo_customers(db, &r, start, ids, created, emails, st, err)))
		goto fail;

	for (int k = 0; k < NCASES; k++) {
		/* A few customers come back often: the retelling problem cx solves. */
		int c = chance(&r, 30) ? pick(&r, 25) : pick(&r, NCUST);
		const scenario *s = &scenarios[pick(&r, (int)(sizeof scenarios / sizeof scenarios[0]))];
		int64_t t = created[c] + DAY + (int64_t)(next(&r) % (uint64_t)(end - created[c] - DAY + 1));
		if (t > end - 3600)
			t = end - 3600 - pick(&r, 3600);
		if (t < created[c])
			t = created[c] + 60;
		if ((rc = demo_case(db, &r, s, ids[c], t, end, st, err)))
			goto fail;
		if (!st->featured_customer[0] && c < 25)
			snprintf(st->featured_customer, sizeof st->featured_customer, "%s", emails[c]);
	}
	if ((rc = demo_touchpoints(db, &r, ids, created, NCUST, end, st, err)))
		goto fail;
	cx_db_set_actor(db, "priya"); /* she runs the survey and follows up the unhappy */
	if ((rc = demo_survey(db, &r, emails, created, NCUST, end, st, err)))
		goto fail;
	/* and the shop's mail: a month of it, filed as it came */
	cx_db_set_now(db, end);
	if ((rc = cx_mail_demo(db, seed, end, &st->messages, &st->mail_cases, &st->inbox, err)))
		goto fail;
	/* The tour's case is one still open, handed off along the way if any is. */
	if ((rc = cx_sql_get_int(db, 0, &st->featured_case, err,
				 "SELECT k.id FROM cases k WHERE k.status IN ('new', 'open', 'pending')"
				 " ORDER BY EXISTS (SELECT 1 FROM events e WHERE e.entity = 'case'"
				 "   AND e.entity_id = k.id AND e.action = 'handoff') DESC,"
				 " k.updated_at DESC, k.id DESC LIMIT 1")))
		goto fail;
	cx_db_set_now(db, end);
	cx_db_set_actor(db, me);
	free(me);
	return CX_OK;
fail:
	cx_db_set_now(db, end);
	cx_db_set_actor(db, me);
	free(me);
	free(st->inbox);
	st->inbox = NULL;
	return rc;
}
