#!/usr/bin/env python3
"""longcomments.py FILE [ROWS]: the second survey import benchmark's file, seeded.

A Delighted-shaped export of few columns (Response ID, Score, Comment,
Created At) whose comments are long: one to three paragraphs of 10 to 100
words, with commas, doubled quotes, line breaks and accented letters, as
customers write when they have something to say. Written with Python's csv
module, as a tool's export would be quoted. Default 300,000 rows (about
250 MB); tests/bench/run and the README say how it is used.
"""
import csv
import random
import sys
import time

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 300000
rng = random.Random(2112)
words = ('the order arrived late and the box was crushed but support answered quickly and kindly '
         'espresso grinder beans roast delivery courier tracking refund warranty replacement machine '
         'never again always great terrible wonderful slow fast price quality café naïve déjà vu '
         'Zürich übermäßig señora piñata "premium" subscription descaling steam wand filter').split()
start = 1735689600  # 2025-01-01 UTC
with open(out, 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['Response ID', 'Score', 'Comment', 'Created At'])
    for i in range(rows):
        paragraphs = []
        for _ in range(rng.randint(1, 3)):
            ws = [rng.choice(words) for _ in range(rng.randint(10, 100))]
            for k in range(rng.randint(0, 4)):
                j = rng.randrange(len(ws))
                ws[j] += ','
            text = ' '.join(ws)
            paragraphs.append(text[0].upper() + text[1:] + '.')
        t = start + i * (31536000 // rows) + rng.randrange(3600)
        # Delighted's web export: "2025-01-01 00:21:36 UTC"-like wall times, written here without the zone
        when = time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(t))
        w.writerow(['%d' % (400000000 + i), rng.randint(0, 10), '\n\n'.join(paragraphs), when])
