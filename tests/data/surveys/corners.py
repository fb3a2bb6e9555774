#!/usr/bin/env python3
"""Writes the CSV-corner fixtures of this directory with Python's csv module
(an independent writer): the same responses quoted in full and quoted only
where needed, a bare quote inside unquoted cells, a header two columns
share, a header with no rows, UTF-16 without a byte order mark, and a NUL
byte on line 3. Run it from this directory; the files are committed."""
import csv
import io

HEADER = ["email", "score", "comment", "date"]
ROWS = [
    ["a@example.com", "9", "Great", "2026-11-01 10:00:00"],
    ["b@example.com", "", "", "2026-11-02 10:00:00"],
    ["", "7", "Fine", "2026-11-03 10:00:00"],
    ["d@example.com", "3", "", "2026-11-04 10:00:00"],
    ["e@example.com", "10", 'Lovely 12" pizza, and quick', "2026-11-05 10:00:00"],
]


def text(rows, quoting, header=HEADER):
    out = io.StringIO()
    w = csv.writer(out, quoting=quoting, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def write(name, data):
    with open(name, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


# Qualtrics-like: every cell quoted, so an empty answer is "".
write("corner-quoted-all.csv", text(ROWS, csv.QUOTE_ALL))
# The same answers quoted only where a cell needs it: an empty answer is nothing.
write("corner-quoted-none.csv", text(ROWS, csv.QUOTE_MINIMAL))
# As a hand-made file has it: a quote inside cells nobody quoted (lines 3 and 6).
bare = [r[:] for r in ROWS]
bare[1][2] = 'a 5" screen'
bare[4][2] = 'Lovely 12" pizza'
loose = text(bare, csv.QUOTE_MINIMAL).replace('"a 5"" screen"', 'a 5" screen')
loose = loose.replace('"Lovely 12"" pizza"', 'Lovely 12" pizza')
write("corner-bare-quote.csv", loose)

# Two columns named "score": which one is the NPS question is not cx's guess.
twice = [[r[0], r[1], r[1], r[2], r[3]] for r in ROWS[:2]]
write("broken-ambiguous-header.csv", text(twice, csv.QUOTE_MINIMAL, ["email", "score", "score", "comment", "date"]))
write("broken-header-only.csv", text([], csv.QUOTE_MINIMAL))
write("broken-utf16-no-bom.csv", text(ROWS, csv.QUOTE_MINIMAL).encode("utf-16-le"))
nul = text(ROWS, csv.QUOTE_MINIMAL).split("\r\n")
nul[2] = nul[2] + "\0"
write("broken-nul-line-3.csv", "\r\n".join(nul))
