#!/usr/bin/env python3
"""Writes a planted-effect dataset for cx survey drivers and the figures cx
must find in it, with Python's standard library only (no numpy: the
eigenvalues by Jacobi's rotations, below), nothing of cx's code:

  touches.csv   touchpoints with emotion (-2..2) and effort (1..7), for cx touch import
  survey.csv    NPS and CSAT answers by the same customers' addresses, for cx survey import
  drivers.expect  Johnson's relative weights, R², the effects, as cx survey drivers --format tsv

Planted: how delivery felt drives the recommend answer (2 points per point
of emotion), use a little (0.5), the effort of purchase a little (0.3 per
point easier); CSAT follows use. Touches after a customer's answer, an
earlier answer of the same customer, a stage a few customers touched and
respondents without a journey must all be left out as cx(1) documents.
Run: python3 tests/data/drivers/make.py
"""
import csv
import math
import os
import random
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(1919)
START = datetime(2026, 9, 1, 9, 0, tzinfo=timezone.utc)


def iso(t):
    return t.strftime('%Y-%m-%dT%H:%M:%SZ')


touches, answers, truth = [], [], {}
for c in range(320):
    email = 'c%03d@example.com' % c
    answer_at = START + timedelta(days=40, hours=c)
    mine = []
    for stage, k in (('purchase', 1), ('delivery', rng.choice([1, 1, 2])), ('use', rng.choice([1, 2, 3]))):
        for _ in range(k):
            e = rng.choice([-2, -1, 0, 0, 1, 1, 2])
            f = rng.randint(1, 7)
            # a second of its own: cx touch import takes a row said twice for the same touch
            at = START + timedelta(days=rng.randint(0, 38), minutes=c, seconds=len(mine))
            mine.append((stage, e, f, at))
    if rng.random() < 0.2:  # few touch service: known for under half, left out
        mine.append(('service', rng.choice([-2, 2]), rng.randint(1, 7), START + timedelta(days=5, minutes=c)))
    # after the answer: must not count
    mine.append(('delivery', 2, 7, answer_at + timedelta(days=3)))
    if c % 16 == 0:
        mine = [m for m in mine if m[3] > answer_at]  # no journey before the answer
    for stage, e, f, at in mine:
        touches.append({'customer': email, 'at': iso(at), 'channel': 'web', 'stage': stage,
                        'emotion': e, 'effort': f, 'direction': 'in'})
    before = [m for m in mine if m[3] < answer_at]

    def mean(stage, i):
        v = [m[i] for m in before if m[0] == stage]
        return sum(v) / len(v) if v else None
    d, u, pe = mean('delivery', 1), mean('use', 1), mean('purchase', 2)
    score = 5 + 2.0 * (d or 0) + 0.5 * (u or 0) + 0.3 * ((pe or 4) - 4) + rng.gauss(0, 1.2)
    nps = max(0, min(10, round(score)))
    csat = max(1, min(5, round(3 + 0.8 * (u or 0) + rng.gauss(0, 0.8))))
    answers.append({'id': 'a%03d' % c, 'date': iso(answer_at), 'email': email, 'nps': nps, 'csat': csat})
    if c % 10 == 3:  # an earlier answer: only the latest counts
        answers.append({'id': 'e%03d' % c, 'date': iso(START + timedelta(days=20, hours=c)), 'email': email,
                        'nps': 10 - nps, 'csat': csat})

with open(os.path.join(HERE, 'touches.csv'), 'w', newline='') as f:
    w = csv.DictWriter(f, fieldnames=['customer', 'at', 'channel', 'stage', 'emotion', 'effort', 'direction'])
    w.writeheader()
    w.writerows(touches)
with open(os.path.join(HERE, 'survey.csv'), 'w', newline='') as f:
    w = csv.DictWriter(f, fieldnames=['id', 'date', 'email', 'nps', 'csat'])
    w.writeheader()
    w.writerows(answers)

# ---- the reference: the drivers as cx(1) defines them, from the files just written ----
STAGES = ['awareness', 'consideration', 'decision', 'purchase', 'delivery', 'packaging', 'use',
          'recommendation', 'service']
latest = {}
for a in answers:
    if a['email'] not in latest or a['date'] >= latest[a['email']]['date']:
        latest[a['email']] = a
names = ['%s %s' % (s, m) for s in STAGES for m in ('emotion', 'effort')] + ['csat', 'ces', 'cases',
                                                                             'first_response_h']
resp = []
for email, a in sorted(latest.items()):
    mine = [t for t in touches if t['customer'] == email and t['at'] < a['date']]
    if not mine:
        continue
    x = {}
    for s in STAGES:
        for m in ('emotion', 'effort'):
            v = [t[m] for t in mine if t['stage'] == s]
            x['%s %s' % (s, m)] = sum(v) / len(v) if v else None
    x.update({'csat': a['csat'], 'ces': None, 'cases': 0, 'first_response_h': None})
    resp.append((x, a['nps']))
use = [nm for nm in names if 2 * sum(1 for x, _ in resp if x[nm] is not None) >= len(resp)]
rows = [([x[nm] for nm in use], y) for x, y in resp if all(x[nm] is not None for nm in use)]
use, rows = ([nm for i, nm in enumerate(use) if len({r[0][i] for r in rows}) > 1],
             [([v for i, v in enumerate(r[0]) if len({q[0][i] for q in rows}) > 1], r[1]) for r in rows])
p, n = len(use), len(rows)
cols = [[r[0][j] for r in rows] for j in range(p)] + [[r[1] for r in rows]]
means = [sum(c) / n for c in cols]
cov = [[sum((cols[i][k] - means[i]) * (cols[j][k] - means[j]) for k in range(n)) for j in range(p + 1)]
       for i in range(p + 1)]
corr = [[cov[i][j] / math.sqrt(cov[i][i] * cov[j][j]) for j in range(p + 1)] for i in range(p + 1)]


def jacobi(a):
    """Eigenvalues and eigenvectors (columns) of a symmetric matrix by cyclic Jacobi rotations."""
    m = len(a)
    a = [row[:] for row in a]
    v = [[float(i == j) for j in range(m)] for i in range(m)]
    for _ in range(100):
        off = sum(a[i][j] ** 2 for i in range(m) for j in range(m) if i != j)
        if off < 1e-30:
            break
        for i in range(m):
            for j in range(i + 1, m):
                if abs(a[i][j]) < 1e-300:
                    continue
                theta = (a[j][j] - a[i][i]) / (2 * a[i][j])
                t = (1 if theta >= 0 else -1) / (abs(theta) + math.sqrt(theta * theta + 1))
                c = 1 / math.sqrt(t * t + 1)
                s = t * c
                for k in range(m):  # A <- A J, then J' A
                    aki, akj = a[k][i], a[k][j]
                    a[k][i], a[k][j] = c * aki - s * akj, s * aki + c * akj
                for k in range(m):
                    aik, ajk = a[i][k], a[j][k]
                    a[i][k], a[j][k] = c * aik - s * ajk, s * aik + c * ajk
                for k in range(m):
                    vki, vkj = v[k][i], v[k][j]
                    v[k][i], v[k][j] = c * vki - s * vkj, s * vki + c * vkj
    return [a[i][i] for i in range(m)], v


rxx = [row[:p] for row in corr[:p]]
rxy = [corr[i][p] for i in range(p)]
lam, vec = jacobi(rxx)
half = [[sum(vec[i][k] * math.sqrt(lam[k]) * vec[j][k] for k in range(p)) for j in range(p)] for i in range(p)]
vr = [sum(vec[j][k] * rxy[j] for j in range(p)) for k in range(p)]
bz = [sum(vec[i][k] * vr[k] / math.sqrt(lam[k]) for k in range(p)) for i in range(p)]
beta = [sum(vec[i][k] * vr[k] / lam[k] for k in range(p)) for i in range(p)]
r2 = sum(b * b for b in bz)
raw = [sum(half[j][k] ** 2 * bz[k] ** 2 for k in range(p)) for j in range(p)]
sd = [math.sqrt(cov[i][i] / n) for i in range(p + 1)]
effect = [beta[j] * sd[p] / sd[j] for j in range(p)]
order = sorted(range(p), key=lambda j: -raw[j])
out = ['n\tr2'] + ['%d\t%r' % (n, r2), '', 'rank\tdriver\tmean\tweight_pct\traw_weight\teffect']
for rank, j in enumerate(order, 1):
    out.append('%d\t%s\t%r\t%r\t%r\t%r' % (rank, use[j], means[j], 100 * raw[j] / r2, raw[j], effect[j]))
with open(os.path.join(HERE, 'drivers.expect'), 'w') as f:
    f.write('\n'.join(out) + '\n')
