#!/usr/bin/env python3
"""Writes comments.csv (a survey export with comments, planted themes) and
comments.expect (the figures cx must find for them), with Python's standard
library only: nothing of cx's code.

Planted: detractors (NPS 0-6) write about coffee gone "cold" and orders
"late" far more often than the others; "leak" comes in three forms
(leaking, leaks, leaked) spread evenly, so it must be one theme and not
over-represented. Run from anywhere: python3 tests/data/themes/make.py
"""
import csv
import math
import os
import random
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'stats'))
from reference import nps_figures  # the adjusted-Wald NPS, written without cx

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(19)

FILLER = ['Ordered the house blend.', 'Second order this year.', 'Bought it as a gift.',
          'Used the app to order.', 'Picked the medium roast.']
GOOD = ['Friendly staff and quick answers.', 'Great taste, will order again.', 'Lovely packaging.',
        'The grinder works perfectly.']
COLD = ['The coffee was cold when it came.', 'Cold drinks again, not acceptable!', 'My latte arrived cold.']
LATE = ['The parcel came late.', 'Late delivery, third time.', 'Order was two days late.']
LEAK = ['The machine is leaking.', 'It leaks at the base.', 'The tank leaked once.']


def comment(unhappy):
    parts = [rng.choice(FILLER)]
    if rng.random() < (0.55 if unhappy else 0.06):
        parts.append(rng.choice(COLD))
    if rng.random() < (0.45 if unhappy else 0.05):
        parts.append(rng.choice(LATE))
    if rng.random() < 0.2:
        parts.append(rng.choice(LEAK))
    if not unhappy and rng.random() < 0.6:
        parts.append(rng.choice(GOOD))
    rng.shuffle(parts)
    return ' '.join(parts)


rows = []
for i in range(150):
    nps = rng.choice([0, 2, 3, 4, 5, 6]) if i % 3 == 0 else rng.choice([7, 8, 9, 9, 10, 10])
    day = 1 + i % 28
    rows.append({'id': 'r%03d' % (i + 1), 'date': '2026-10-%02d 09:%02d' % (day, i % 60), 'nps': nps,
                 'comment': comment(nps <= 6)})
# one without a comment, one with only stop words: neither mentions anything
rows.append({'id': 'r151', 'date': '2026-10-29 10:00', 'nps': 3, 'comment': ''})
rows.append({'id': 'r152', 'date': '2026-10-29 11:00', 'nps': 10, 'comment': 'It was, and is.'})

with open(os.path.join(HERE, 'comments.csv'), 'w', newline='', encoding='utf-8') as f:
    w = csv.DictWriter(f, fieldnames=['id', 'date', 'nps', 'comment'])  # csv writes CRLF, as the tools do
    w.writeheader()
    w.writerows(rows)

# ---- the reference figures ----
THEMES = {'cold': r'\bcold\b', 'late': r'\blate\b', 'leak': r'\bleak(s|ed|ing)?\b'}
texts = [r for r in rows if r['comment'].strip()]
unhappy = [r for r in texts if r['nps'] <= 6]
others = [r for r in texts if r['nps'] > 6]


def g2(a, b, c, d):
    n = a + b + c + d
    cells = [(a, (a + b) * (a + c) / n), (b, (a + b) * (b + d) / n), (c, (c + d) * (a + c) / n),
             (d, (c + d) * (b + d) / n)]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


out = ['stems\tmentions\tunhappy\tothers\tg2\tp\tnps_with\tnps_with_lo\tnps_with_hi\tnps_without\tnps_without_lo\tnps_without_hi']
for stem, rx in THEMES.items():
    said = [bool(re.search(rx, r['comment'], re.I)) for r in texts]
    a = sum(1 for r, s in zip(texts, said) if s and r['nps'] <= 6)
    c = sum(1 for r, s in zip(texts, said) if s and r['nps'] > 6)
    b, d = len(unhappy) - a, len(others) - c
    g = g2(a, b, c, d)
    tail = math.erfc(math.sqrt(g / 2)) / 2  # chi-square(1) upper tail, halved: one-sided
    over = a * (c + d) > c * (a + b)
    p = tail if over else 1 - tail
    w = nps_figures([r['nps'] for r, s in zip(texts, said) if s])
    wo = nps_figures([r['nps'] for r, s in zip(texts, said) if not s])
    out.append('\t'.join(str(x) for x in [stem, a + c, a, c, repr(g if over else -g), repr(p),
                                          repr(w['score']), repr(w['lo']), repr(w['hi']),
                                          repr(wo['score']), repr(wo['lo']), repr(wo['hi'])]))
with open(os.path.join(HERE, 'comments.expect'), 'w') as f:
    f.write('\n'.join(out) + '\n')
