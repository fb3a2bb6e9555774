#!/usr/bin/env python3
"""The expected figures of every scenario in tests/data/stats, worked out
without cx's code: only Python's standard library (math, fractions,
itertools, csv, datetime), exact rational arithmetic where a test is exact,
and numerical integration of Student's t density where cx reads GSL.

    python3 reference.py            writes NAME.expect beside each NAME.csv
    python3 reference.py --check    exits 1 when an .expect file differs

See README.md for the scenarios and the methods, and t1700-stats.sh for the
commands whose output each .expect file is.
"""
import csv
import itertools
import math
import os
import sys
from datetime import datetime, timedelta, timezone
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)  # --now of every scenario
SPAN = timedelta(days=30)  # --compare 30d
STALE = timedelta(days=30)  # the stale setting's default
SMALL = 30  # fewer answers than this: a thin figure
Z = 1.96


# ---- Student's t, from its density ----------------------------------------


def t_density(x, df):
    c = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    return math.exp(c - (df + 1) / 2 * math.log1p(x * x / df))


def t_central(t, df, steps=200000):
    """P(-t < T < t): Simpson's rule over [0, t], doubled."""
    if t <= 0:
        return 0.0
    h = t / steps
    s = t_density(0, df) + t_density(t, df)
    for i in range(1, steps):
        s += (4 if i % 2 else 2) * t_density(i * h, df)
    return 2 * s * h / 3


def t_two_sided_p(t, df):
    return max(0.0, 1 - t_central(abs(t), df))


def t_quantile_975(df):
    """The t with P(T < t) = 0.975, by bisection."""
    lo, hi = 0.0, 1.0
    while t_central(hi, df, 20000) < 0.95:
        hi *= 2
    for _ in range(60):
        mid = (lo + hi) / 2
        if t_central(mid, df, 20000) < 0.95:
            lo = mid
        else:
            hi = mid
    # one more pass with the fine integral near the answer
    for _ in range(8):
        mid = (lo + hi) / 2
        if t_central(mid, df) < 0.95:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


# ---- the figures ------------------------------------------------------------


def clamp(v, lo, hi):
    return min(max(v, lo), hi)


def nps_figures(answers):
    """Score, adjusted-Wald interval (3/4 promoter, 3/4 detractor, 3/2 passive added), its margin."""
    n = len(answers)
    P = sum(a >= 9 for a in answers)
    D = sum(a <= 6 for a in answers)
    M = n - P - D
    if not n:
        return dict(n=0, P=0, M=0, D=0)
    na = n + 3
    pa, da = (P + 0.75) / na, (D + 0.75) / na
    centre = 100 * (pa - da)
    moe = Z * 100 * math.sqrt((pa + da - (pa - da) ** 2) / na)
    return dict(n=n, P=P, M=M, D=D, score=100 * (P - D) / n, lo=clamp(centre - moe, -100, 100),
                hi=clamp(centre + moe, -100, 100), moe=moe)


def wilson(k, n):
    p, z2 = k / n, Z * Z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return clamp(100 * (centre - half), 0, 100), clamp(100 * (centre + half), 0, 100)


def mean_figures(values, lo, hi):
    """Mean, sd (n - 1), and the t interval clamped to [lo, hi]; none for n < 2 or no spread."""
    n = len(values)
    if not n:
        return dict(n=0)
    mean = Fraction(sum(values), n)
    out = dict(n=n, mean=float(mean))
    if n >= 2:
        var = sum((Fraction(v) - mean) ** 2 for v in values) / (n - 1)
        sd = math.sqrt(var)
        out['sd'] = sd
        if sd > 0:
            moe = t_quantile_975(n - 1) * sd / math.sqrt(n)
            out.update(moe=moe, lo=clamp(float(mean) - moe, lo, hi), hi=clamp(float(mean) + moe, lo, hi))
    return out


# ---- the tests of a change --------------------------------------------------


def nps_of(counts):
    P, M, D = counts
    return Fraction(100 * (P - D), P + M + D)


def nps_exact_p(a, b):
    """Every 2x3 table with the observed margins, weighed exactly (multivariate hypergeometric)."""
    ca = (sum(x >= 9 for x in a), sum(7 <= x <= 8 for x in a), sum(x <= 6 for x in a))
    cb = (sum(x >= 9 for x in b), sum(7 <= x <= 8 for x in b), sum(x <= 6 for x in b))
    tot = [ca[i] + cb[i] for i in range(3)]
    n1, N = len(a), len(a) + len(b)
    obs = abs(nps_of(cb) - nps_of(ca))
    p = Fraction(0)
    for x in range(0, tot[0] + 1):
        for y in range(0, tot[1] + 1):
            z = n1 - x - y
            if z < 0 or z > tot[2]:
                continue
            other = (tot[0] - x, tot[1] - y, tot[2] - z)
            if abs(nps_of(other) - nps_of((x, y, z))) >= obs:
                p += Fraction(math.comb(tot[0], x) * math.comb(tot[1], y) * math.comb(tot[2], z), math.comb(N, n1))
    return p


def nps_permutation_p(a, b):
    """The same by brute force: every way to split the pooled answers into periods of these sizes."""
    pool = a + b
    n1 = len(a)
    score = lambda xs: Fraction(100 * (sum(x >= 9 for x in xs) - sum(x <= 6 for x in xs)), len(xs))
    obs = abs(score(b) - score(a))
    hits = total = 0
    for first in itertools.combinations(range(len(pool)), n1):
        s = set(first)
        g1 = [pool[i] for i in first]
        g2 = [pool[i] for i in range(len(pool)) if i not in s]
        total += 1
        hits += abs(score(g2) - score(g1)) >= obs
    return Fraction(hits, total)


def fisher_p(a, b, c, d):
    """Two-sided: the tables with the observed margins no more likely than the one observed."""
    n1, n2, k = a + b, c + d, a + c
    N = n1 + n2
    prob = lambda x: Fraction(math.comb(n1, x) * math.comb(n2, k - x), math.comb(N, k))
    obs = prob(a)
    return sum(prob(x) for x in range(max(0, k - n2), min(k, n1) + 1) if prob(x) <= obs)


def mean_permutation_p(a, b):
    """Every split of the pooled answers, by brute force: |difference of means| at least the observed."""
    pool = a + b
    n1 = len(a)
    obs = abs(Fraction(sum(b), len(b)) - Fraction(sum(a), len(a)))
    hits = total = 0
    for first in itertools.combinations(range(len(pool)), n1):
        s = set(first)
        g1 = [pool[i] for i in first]
        g2 = [pool[i] for i in range(len(pool)) if i not in s]
        total += 1
        hits += abs(Fraction(sum(g2), len(g2)) - Fraction(sum(g1), len(g1))) >= obs
    return Fraction(hits, total)


def untested(n1, n2):
    if n1 < 2 and n2 < 2:
        return dict(reason='fewer than 2 answers in each period')
    return dict(reason='fewer than 2 answers before' if n1 < 2 else 'fewer than 2 answers after')


def nps_change(a, b):
    if len(a) < 2 or len(b) < 2:
        return untested(len(a), len(b))
    fa, fb = nps_figures(a), nps_figures(b)
    var = lambda f: 10000 * ((f['P'] + f['D']) / f['n'] - ((f['P'] - f['D']) / f['n']) ** 2) / f['n']
    se = math.sqrt(var(fa) + var(fb))
    if len(a) >= SMALL and len(b) >= SMALL and se > 0:
        return dict(p=math.erfc(abs((fb['score'] - fa['score']) / se) / math.sqrt(2)), method='z')
    p = nps_exact_p(a, b)
    if math.comb(len(a) + len(b), len(a)) <= 200000:
        assert p == nps_permutation_p(a, b), 'the two exact methods disagree'
    return dict(p=float(p), method='exact')


def csat_change(a, b):
    if len(a) < 2 or len(b) < 2:
        return untested(len(a), len(b))
    k1, k2 = sum(x >= 4 for x in a), sum(x >= 4 for x in b)
    n1, n2 = len(a), len(b)
    N, K = n1 + n2, k1 + k2
    expected = min(n1 * K / N, n1 * (N - K) / N, n2 * K / N, n2 * (N - K) / N)
    if expected < 5:
        return dict(p=float(fisher_p(k1, n1 - k1, k2, n2 - k2)), method='fisher')
    q = K / N
    se = math.sqrt(q * (1 - q) * (1 / n1 + 1 / n2))
    return dict(p=math.erfc(abs((k2 / n2 - k1 / n1) / se) / math.sqrt(2)), method='z')


def ces_change(a, b):
    if len(a) < 2 or len(b) < 2:
        return untested(len(a), len(b))
    fa, fb = mean_figures(a, 1, 7), mean_figures(b, 1, 7)
    v1, v2 = fa['sd'] ** 2 / len(a), fb['sd'] ** 2 / len(b)
    if v1 + v2 == 0:
        return dict(p=float(mean_permutation_p(a, b)), method='exact')
    df = (v1 + v2) ** 2 / (v1 * v1 / (len(a) - 1) + v2 * v2 / (len(b) - 1))
    return dict(p=t_two_sided_p((fb['mean'] - fa['mean']) / math.sqrt(v1 + v2), df), method='welch')


# ---- writing cx's TSV --------------------------------------------------------


def cell(v):
    if v is None:
        return ''
    if isinstance(v, bool):
        return '1' if v else '0'
    if isinstance(v, float):
        return repr(v)
    return str(v)


def table(cols, rows):
    lines = ['\t'.join(cols)]
    for r in rows:
        lines.append('\t'.join(cell(r.get(c)) for c in cols))
    return '\n'.join(lines) + '\n'


def iso(t):
    return t.strftime('%Y-%m-%dT%H:%M:%SZ')


# ---- survey scenarios: cx survey report --compare 30d ------------------------

SCORE_COLS = ('survey period segment responses nps nps_lo nps_hi nps_moe nps_n nps_small_sample promoters passives '
              'detractors csat csat_lo csat_hi csat_mean csat_n csat_small_sample ces_mean ces_moe ces_lo ces_hi '
              'ces_agree ces_n ces_small_sample unhappy followed_up followup_median_s small_sample requests '
              'requests_answered request_rate request_rate_lo request_rate_hi continue continue_lo continue_hi '
              'continue_n continue_small_sample continue_unlikely continue_likely_known continue_likely_back '
              'continue_likely_back_share continue_unsure_known continue_unsure_back continue_unsure_back_share '
              'continue_unlikely_known continue_unlikely_back continue_unlikely_back_share to_follow_up contacted '
              'contact_median_s '
              'contact_p90_s contacted_within contacted_within_share contacted_within_lo contacted_within_hi '
              'recovered_contacted next_contacted recovered_not next_not recovery_difference recovery_difference_lo '
              'recovery_difference_hi').split()
CHANGE_COLS = ('survey metric before_from after_from before after change n_before n_after p_value significant method '
               'reason').split()


def read_survey(path):
    rows = []
    with open(path, newline='') as f:
        for r in csv.DictReader(f):
            at = datetime.strptime(r['date'], '%Y-%m-%d %H:%M').replace(tzinfo=timezone.utc)
            num = lambda k: int(r[k]) if r.get(k, '') != '' else None
            rows.append(dict(at=at, nps=num('nps'), csat=num('csat'), ces=num('ces')))
    return rows


def thin(n):
    return None if not n else n < SMALL


def survey_expect(name, rows):
    nps = [r['nps'] for r in rows if r['nps'] is not None]
    csat = [r['csat'] for r in rows if r['csat'] is not None]
    ces = [r['ces'] for r in rows if r['ces'] is not None]
    s = dict(survey=name, period='all', responses=len(rows), followed_up=0)
    f = nps_figures(nps)
    s.update(nps_n=f['n'], promoters=f['P'], passives=f['M'], detractors=f['D'], nps_small_sample=thin(f['n']))
    if f['n']:
        s.update(nps=f['score'], nps_lo=f['lo'], nps_hi=f['hi'], nps_moe=f['moe'])
    s.update(csat_n=len(csat), csat_small_sample=thin(len(csat)))
    if csat:
        k = sum(x >= 4 for x in csat)
        lo, hi = wilson(k, len(csat))
        s.update(csat=100 * k / len(csat), csat_lo=lo, csat_hi=hi, csat_mean=sum(csat) / len(csat))
    m = mean_figures(ces, 1, 7)
    s.update(ces_n=len(ces), ces_small_sample=thin(len(ces)))
    if ces:
        s.update(ces_mean=m['mean'], ces_agree=100 * sum(x >= 5 for x in ces) / len(ces))
        if 'moe' in m:
            s.update(ces_moe=m['moe'], ces_lo=m['lo'], ces_hi=m['hi'])
    s['unhappy'] = sum((r['nps'] is not None and r['nps'] <= 6) or (r['csat'] is not None and r['csat'] <= 2) or
                       (r['ces'] is not None and r['ces'] <= 3) for r in rows)
    s['small_sample'] = any(thin(n) for n in (len(nps), len(csat), len(ces)))
    # the loop: no survey requests and no customers in these scenarios, so nobody was contacted or answered again
    # no likelihood-to-continue question in these scenarios
    s.update(continue_n=0, continue_unlikely=0, continue_likely_known=0, continue_likely_back=0,
             continue_unsure_known=0, continue_unsure_back=0, continue_unlikely_known=0, continue_unlikely_back=0)
    s.update(requests=0, requests_answered=0, to_follow_up=s['unhappy'], contacted=0, contacted_within=0,
             recovered_contacted=0, next_contacted=0, recovered_not=0, next_not=0)
    if s['unhappy']:
        lo, hi = wilson(0, s['unhappy'])
        s.update(contacted_within_share=0.0, contacted_within_lo=lo, contacted_within_hi=hi)

    mid, start = NOW - SPAN, NOW - 2 * SPAN
    before = [r for r in rows if start <= r['at'] < mid]
    after = [r for r in rows if mid <= r['at'] < NOW]
    changes = []
    for metric, key, value, test in (
            ('nps', 'nps', lambda xs: nps_figures(xs)['score'], nps_change),
            ('csat', 'csat', lambda xs: 100 * sum(x >= 4 for x in xs) / len(xs), csat_change),
            ('ces_mean', 'ces', lambda xs: sum(xs) / len(xs), ces_change)):
        a = [r[key] for r in before if r[key] is not None]
        b = [r[key] for r in after if r[key] is not None]
        if not a and not b:
            continue
        c = dict(survey=name, metric=metric, before_from=iso(start), after_from=iso(mid), n_before=len(a),
                 n_after=len(b))
        if a:
            c['before'] = float(value(a))
        if b:
            c['after'] = float(value(b))
        if a and b:
            c['change'] = c['after'] - c['before']
        t = test(a, b)
        c.update(t)
        if 'p' in t:
            c['p_value'] = t['p']
            c['significant'] = t['p'] < 0.05
        changes.append(c)
    return table(SCORE_COLS, [s]) + '\n' + table(CHANGE_COLS, changes)


# ---- journey scenarios: cx journey map --min 1 -------------------------------

STAGES = 'awareness consideration decision purchase delivery packaging use recommendation service'.split()
STAGE_COLS = ('stage customers touchpoints emotion emotion_lo emotion_hi emotion_n emotion_small_sample negative '
              'effort effort_lo effort_hi effort_n effort_small_sample cases replies dropoff next_stage_median_s '
              'channels').split()
HOT_COLS = 'rank stage channel friction touchpoints cases negative hard case_rate dropoff_rate'.split()


def read_touches(path):
    rows = []
    with open(path, newline='') as f:
        for r in csv.DictReader(f):
            at = datetime.strptime(r['at'], '%Y-%m-%d %H:%M').replace(tzinfo=timezone.utc)
            num = lambda k: int(r[k]) if r.get(k, '') != '' else None
            rows.append(dict(customer=r['customer'], at=at, channel=r['channel'], stage=r['stage'],
                             emotion=num('emotion'), effort=num('effort'), out=r.get('direction') == 'out'))
    return rows


def journey_expect(rows, channels):
    # the customers' own; outbound touchpoints are the business's, counted as replies and nothing else
    own = [r for r in rows if not r['out']]
    stages = []
    for s in STAGES:
        at = [r for r in own if r['stage'] == s]
        emo = [r['emotion'] for r in at if r['emotion'] is not None]
        eff = [r['effort'] for r in at if r['effort'] is not None]
        g = dict(stage=s, customers=len({r['customer'] for r in at}), touchpoints=len(at), cases=0,
                 replies=sum(r['out'] for r in rows if r['stage'] == s), emotion_n=len(emo), effort_n=len(eff),
                 emotion_small_sample=thin(len(emo)), effort_small_sample=thin(len(eff)))
        if emo:
            m = mean_figures(emo, -2, 2)
            g.update(emotion=m['mean'], negative=100 * sum(e < 0 for e in emo) / len(emo))
            if 'moe' in m:
                g.update(emotion_lo=m['lo'], emotion_hi=m['hi'])
        if eff:
            m = mean_figures(eff, 1, 7)
            g['effort'] = m['mean']
            if 'moe' in m:
                g.update(effort_lo=m['lo'], effort_hi=m['hi'])
        # the channel mix: share of the stage's contacts, busiest first, ties in the channels' order
        mix = sorted(((sum(r['channel'] == c for r in at), i, c) for i, c in enumerate(channels)),
                     key=lambda x: (-x[0], x[1]))
        g['channels'] = ', '.join('%s %.0f%%' % (c, 100 * k / len(at)) for k, _, c in mix[:4] if k)
        stages.append(g)
    # drop-off: each customer at their latest own touchpoint, when nothing of theirs is newer than the stale time
    dropped = {}
    for cust in {r['customer'] for r in own}:
        mine = [r for r in own if r['customer'] == cust]
        last = max(mine, key=lambda r: r['at'])  # the scenarios have no two at one time
        if NOW - last['at'] > STALE:
            dropped[cust] = (last['stage'], last['channel'])
    # time to the next stage reached: from the first contact at a stage to the first at the next one reached
    for i, g in enumerate(stages):
        g['dropoff'] = sum(v[0] == g['stage'] for v in dropped.values())
        delays = []
        for cust in {r['customer'] for r in own}:
            first = {}
            for r in own:
                if r['customer'] == cust and (r['stage'] not in first or r['at'] < first[r['stage']]):
                    first[r['stage']] = r['at']
            if g['stage'] not in first:
                continue
            later = [s for s in STAGES[i + 1:] if s in first]
            if later and first[later[0]] >= first[g['stage']]:
                delays.append(int((first[later[0]] - first[g['stage']]).total_seconds()))
        if delays:
            delays.sort()
            g['next_stage_median_s'] = delays[(len(delays) - 1) // 2]
    hot = []
    for s in STAGES:
        for c in channels:
            cell = [r for r in own if r['stage'] == s and r['channel'] == c]
            if not cell:
                continue
            emo = [r['emotion'] for r in cell if r['emotion'] is not None]
            eff = [r['effort'] for r in cell if r['effort'] is not None]
            neg = sum(e < 0 for e in emo) / len(emo) if emo else 0
            hard = sum(e <= 3 for e in eff) / len(eff) if eff else 0
            customers = {r['customer'] for r in cell}
            drop = sum(v == (s, c) for v in dropped.values()) / len(customers)
            n = len(cell)
            friction = 100 * (0.40 * neg + 0.25 * hard + 0.20 * 0 + 0.15 * drop) * n / (n + 20)
            h = dict(stage=s, channel=c, friction=friction, touchpoints=n, cases=0, case_rate=0.0,
                     dropoff_rate=100 * drop)
            if emo:
                h['negative'] = 100 * neg
            if eff:
                h['hard'] = 100 * hard
            hot.append(h)
    # highest friction first; ties: more touchpoints first, then the journey's order
    hot.sort(key=lambda h: (-round(h['friction'], 9), -h['touchpoints']))
    for i, h in enumerate(hot):
        h['rank'] = i + 1
    return table(STAGE_COLS, stages) + '\n' + table(HOT_COLS, hot)


CHANNELS = 'phone email social store web chat packaging product other'.split()


def expect_for(path):
    name = os.path.basename(path)[:-4]
    if name.startswith('survey-'):
        return survey_expect(name, read_survey(path))
    return journey_expect(read_touches(path), CHANNELS)


def main():
    check = '--check' in sys.argv[1:]
    bad = 0
    for f in sorted(os.listdir(HERE)):
        if not f.endswith('.csv'):
            continue
        text = expect_for(os.path.join(HERE, f))
        out = os.path.join(HERE, f[:-4] + '.expect')
        if check:
            with open(out) as g:
                if g.read() != text:
                    print('differs: ' + out)
                    bad = 1
        else:
            with open(out, 'w') as g:
                g.write(text)
    return bad


if __name__ == '__main__':
    sys.exit(main())
