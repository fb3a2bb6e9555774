#!/bin/sh
# The journey map from its summaries against the full computation: a seeded
# random sequence of every command that changes a journey (touchpoints,
# cases opened and moved, public notes, feedback, survey imports, merges,
# forgetting, a new channel, feedback's stage, an import of an export, and a
# survey import killed half-way), with `journey map --verify` after each
# batch and the two maps' JSON compared byte for byte at the end; then
# --verify catching a damaged summary and --rebuild repairing it.
. "$(dirname "$0")/lib.sh"

export CX_NOW=2026-04-01T00:00:00Z

# CX_TEST_STEPS sets the length of the sequence (default 120; 60 for a
# sanitizer build, several times slower); CX_TEST_SEED repeats a run.
if grep -q __asan_init "$CX" 2>/dev/null; then STEPS=${CX_TEST_STEPS:-60}; else STEPS=${CX_TEST_STEPS:-120}; fi
SEED=${CX_TEST_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
echo "# $STEPS steps, seed $SEED"
command -v python3 >/dev/null || skip_all "python3 is not installed (it writes the random sequence and its survey files)"

cx demo >/dev/null 2>&1

t "a random sequence of every writer: the summary's map is the full one after every batch" <<'EOF'
dbq "SELECT id, coalesce(email, '') FROM customers WHERE merged_into IS NULL ORDER BY id" >customers.txt
cases=$(dbq "SELECT max(id) FROM cases")
# The steps, one command a line, and the survey files they import: written
# by Python from the seed, so that a failing run can be repeated.
python3 - "$SEED" "$STEPS" "$cases" <<'PY'
import csv, random, sys
seed, steps, cases = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(seed)
cust = [l.rstrip("\n").split("|") for l in open("customers.txt")]
ids = [c[0] for c in cust]
stages = ["awareness", "consideration", "decision", "purchase", "delivery", "packaging", "use", "recommendation", "service"]
channels = ["phone", "email", "social", "store", "web", "chat", "other"]
def at():
    # mostly long ago, some within the stale time, some at the same second
    return rnd.choice(["2025-06-01T10:00:00Z", "2026-03-25T09:00:00Z",
                       "2026-%02d-%02dT%02d:00:00Z" % (rnd.randint(1, 3), rnd.randint(1, 28), rnd.randint(0, 23))])
def survey(name, rows):
    with open(name, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Response ID", "Email", "Submitted", "NPS", "Comment"])
        for i in range(rows):
            c = rnd.choice(cust)
            w.writerow(["%s-%d" % (name, i), c[1] if c[1] and rnd.random() < 0.9 else "stranger%d@example.org" % i,
                        "2026-%02d-%02d 10:%02d:00" % (rnd.randint(1, 3), rnd.randint(1, 28), i % 60),
                        rnd.randint(0, 10), "All fine, thanks" if i % 3 else "Slow, with a broken lid"])
out, files, new_cases, channel_added = [], 0, 0, 0
kinds = ["touch"] * 8 + ["case"] * 3 + ["move"] * 3 + ["note"] * 3 + ["feedback"] * 2 + ["survey", "merge", "forget",
         "channel", "setting", "archive", "kill"]
for i in range(steps):
    k = rnd.choice(kinds)
    c = rnd.choice(ids)
    if k == "touch":
        e = " --emotion %d" % rnd.randint(-2, 2) if rnd.random() < 0.7 else ""
        f = " --effort %d" % rnd.randint(1, 7) if rnd.random() < 0.5 else ""
        d = " -d out" if rnd.random() < 0.15 else ""
        out.append("cx touch log %s -c %s -s %s --at %s%s%s%s" % (c, rnd.choice(channels), rnd.choice(stages), at(), e, f, d))
    elif k == "case":
        new_cases += 1
        out.append("cx case open %s --title 'Lid broken' -s %s -c %s --at %s" % (c, rnd.choice(stages), rnd.choice(channels), at()))
    elif k == "move":
        out.append("cx case update %d %s %s" % (rnd.randint(1, cases + new_cases), rnd.choice(["-s", "-c"]),
                                                  rnd.choice(stages[:4] + channels[:4])))
    elif k == "note":
        out.append("cx note add %d -m 'We are on it' --public --kind %s" % (rnd.randint(1, cases + new_cases),
                                                                          rnd.choice(["call", "email", "other"])))
    elif k == "feedback":
        out.append("cx feedback add -s google -m 'Three weeks for a grinder' -r %d -C %s --at %s" % (rnd.randint(1, 5), c, at()))
    elif k == "survey":
        files += 1
        survey("s%d.csv" % files, rnd.randint(3, 40))
        out.append("cx survey import s%d.csv --name 'Pulse %d' --nps NPS --email Email --at Submitted --id 'Response ID'"
                   " --comment Comment" % (files, rnd.randint(1, 2)))
    elif k == "merge":
        out.append("cx customer merge %s %s" % (c, rnd.choice(ids)))
    elif k == "forget":
        out.append("cx customer forget %s --yes" % c)
    elif k == "channel":
        channel_added += 1
        out.append("cx journey channels add extra%d" % channel_added)
    elif k == "setting":
        out.append("cx config set feedback.stage %s" % rnd.choice(["recommendation", "service", "use"]))
    elif k == "archive":
        out.append("cx export >export.jsonl && cx import export.jsonl --merge")
    elif k == "kill":
        files += 1
        survey("s%d.csv" % files, 5000)
        out.append("timeout -s KILL 0.%d cx survey import s%d.csv --name 'Big %d' --nps NPS --email Email --at Submitted"
                   " --id 'Response ID' --comment Comment" % (rnd.randint(1, 9), files, files))
open("steps", "w").write("\n".join(out) + "\n")
PY
ok=0 n=0 verified=0
while IFS= read -r step; do
	n=$((n + 1))
	if may_fail eval "$step" >/dev/null 2>>steps.err; then ok=$((ok + 1)); fi
	if [ $((n % 10)) -eq 0 ]; then
		cx journey map --verify 2>verify.err || { echo "# after step $n: $step"; cat verify.err; exit 1; }
		verified=$((verified + 1))
	fi
done <steps
cx journey map --verify 2>verify.err
echo "# $ok of $n steps changed something, $verified batches verified"
# most steps are meant to succeed (a merge into a merged customer, a killed import do not)
[ $((ok * 10)) -ge $((n * 7)) ]
# byte for byte: the summary's map and the full one (every row since the second day of 1970)
cx journey map --format json --top 0 >summary.json
cx journey map --format json --top 0 --since 1970-01-02 >full.json
same summary.json full.json
has summary.json '"dropoff"'
EOF

t "--verify finds a damaged summary (exit 1, one line), --rebuild repairs it" <<'EOF'
cx journey map --rebuild >/dev/null
cx journey map --verify
dbq "UPDATE journey_cells SET replies = replies + 1 WHERE stage = 'delivery' AND channel = 'email'"
fails 1 cx journey map --verify
[ "$(wc -l <err)" -eq 1 ]
has err "cx: journey map: the summary differs from the journey: stage delivery: replies is "
has err "(cx journey map --rebuild builds it again)"
cx journey map --rebuild --format json --top 0 >rebuilt.json
cx journey map --verify
cx journey map --format json --top 0 --since 1970-01-02 >full.json
same rebuilt.json full.json
EOF

t "--verify and --rebuild are about the whole journey: with a filter, a usage error" <<'EOF'
fails 2 cx journey map --verify --since 2026-01-01
has err "leave out --since, --until, --tag and --channel"
fails 2 cx journey map --rebuild --channel email
EOF

finish
