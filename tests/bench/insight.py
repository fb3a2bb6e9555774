#!/usr/bin/env python3
"""insight.py DIR: the data of tests/bench/insight, deterministic (seeded).

  DIR/comments.csv  1,000,000 survey responses with comments: 8 to 30 words
                    drawn from a vocabulary of 3,000 with Zipf's law, as
                    people write, in several forms of each word; NPS leaning
                    to unhappy when a few words are there
  DIR/touches.csv   1,000,000 touchpoints of 200,000 customers across five stages
  DIR/answers.csv   their 200,000 NPS and CSAT answers, after the touchpoints
"""
import csv
import os
import random
import sys

out = sys.argv[1]
rng = random.Random(2026)
syll = ['ba', 'ke', 'lo', 'mi', 'nu', 'ra', 'se', 'ti', 'vo', 'za', 'dre', 'pla', 'sto', 'gri', 'fu']
stems = sorted({''.join(rng.choice(syll) for _ in range(rng.randint(2, 3))) for _ in range(4000)})[:3000]
ends = ['', 's', 'ed', 'ing']
weights = [1 / (k + 1) for k in range(len(stems))]
cum, total = [], 0.0
for w in weights:
    total += w
    cum.append(total)
bad = set(stems[40:60])  # words the unhappy use more


def word():
    import bisect
    return stems[bisect.bisect(cum, rng.random() * total)]


with open(os.path.join(out, 'comments.csv'), 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['id', 'date', 'nps', 'comment'])
    for i in range(1000000):
        ws = [word() for _ in range(rng.randint(8, 30))]
        unhappy = sum(x in bad for x in ws)
        nps = rng.randint(0, 6) if rng.random() < 0.25 + 0.3 * min(unhappy, 2) else rng.randint(7, 10)
        text = ' '.join(x + rng.choice(ends) for x in ws)
        w.writerow(['r%d' % i, '2026-%02d-%02d 10:%02d' % (1 + i % 10, 1 + i % 28, i % 60), nps,
                    text[0].upper() + text[1:] + '.'])

stages = ['purchase', 'delivery', 'packaging', 'use', 'service']
with open(os.path.join(out, 'touches.csv'), 'w', newline='') as t, \
        open(os.path.join(out, 'answers.csv'), 'w', newline='') as a:
    tw, aw = csv.writer(t), csv.writer(a)
    tw.writerow(['customer', 'at', 'channel', 'stage', 'emotion', 'effort', 'direction'])
    aw.writerow(['id', 'date', 'email', 'nps', 'csat'])
    for c in range(200000):
        email = 'c%06d@example.com' % c
        feel = {}
        for k, s in enumerate(stages):
            e, f = rng.randint(-2, 2), rng.randint(1, 7)
            feel[s] = e
            tw.writerow([email, '2026-%02d-%02dT%02d:%02d:%02dZ' % (1 + c % 9, 1 + c % 28, k, c % 60, c % 59),
                         'web', s, e, f, 'in'])
        nps = max(0, min(10, round(6 + 1.5 * feel['delivery'] + 0.5 * feel['use'] + rng.gauss(0, 1.5))))
        aw.writerow(['a%d' % c, '2026-10-%02d 12:00' % (1 + c % 28), email, nps, rng.randint(1, 5)])
