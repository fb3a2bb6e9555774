#!/usr/bin/env python3
"""Fixtures for recognising columns from headers and answers together.

Written with Python's csv module in the shapes the tools write (Microsoft
Forms re-saved by Excel: BOM and CRLF, ";"-joined choices ending in ";";
Google Forms in a Spanish and a German account: localised timestamp headers,
day-first dates, ", "-joined checkboxes and matrix columns "Question [Row]";
a Typeform export with hidden fields after the questions). The figures in
each .expect file are computed here, independently of cx.

Run from this directory: python3 recognise.py
"""
import csv
import io


def write(name, header, rows, bom=False, crlf=False):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    w.writerow(header)
    w.writerows(rows)
    with open(name, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        f.write(buf.getvalue())


def figures(nps=(), csat=(), ces=()):
    """The .expect lines of the scores given (blank answers left out)."""
    out = []
    nps = [x for x in nps if x is not None]
    csat = [x for x in csat if x is not None]
    ces = [x for x in ces if x is not None]
    if nps:
        p = sum(1 for x in nps if x >= 9)
        d = sum(1 for x in nps if x <= 6)
        out += [f"nps_n = {len(nps)}", f"promoters = {p}", f"passives = {len(nps) - p - d}",
                f"detractors = {d}", f"nps = {100 * (p - d) / len(nps):.2f}"]
    if csat:
        out += [f"csat_n = {len(csat)}", f"csat = {100 * sum(1 for x in csat if x >= 4) / len(csat):.2f}",
                f"csat_mean = {sum(csat) / len(csat):.2f}"]
    if ces:
        out += [f"ces_n = {len(ces)}", f"ces_mean = {sum(ces) / len(ces):.2f}",
                f"ces_agree = {100 * sum(1 for x in ces if x >= 5) / len(ces):.2f}"]
    return out


def expect(name, comment, tool, args, rows, comments, emails, first_at, last_at, **scores):
    lines = [f"# {c}" for c in comment] + [
        f"tool = {tool}", f"args = {args}", f"rows = {rows}", f"complete = {rows}", "incomplete = 0"]
    lines += figures(**scores)
    lines += [f"comments = {comments}", f"emails = {emails}", f"first_at = {first_at}", f"last_at = {last_at}"]
    with open(name, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# ---- Microsoft Forms: the three traps ------------------------------------------
# A rating worded "(1 = poor, 5 = excellent)" is the CSAT; "What did you buy
# today?" is a multiple-choice question, not the comment; "Email" is the
# sign-in field ("anonymous" in every row), the address is in the newsletter one.
ms = [
    # id, start, end, rating, bought, better, newsletter
    (1, "11/2/2026 9:01:12", "11/2/2026 9:03:40", 5, "Sourdough loaf;Coffee;", "Nothing, the loaf was perfect and still warm.", "ana.lopez@example.es"),
    (2, "11/2/2026 10:15:00", "11/2/2026 10:16:02", 4, "Coffee;", "", ""),
    (3, "11/3/2026 8:40:33", "11/3/2026 8:45:10", 2, "Croissant;Coffee;", "The queue was out of the door and nobody opened a second till.", "tom.baker@example.co.uk"),
    (4, "11/4/2026 18:02:00", "11/4/2026 18:03:15", 3, "Sourdough loaf;", "Sell half loaves for those of us who live alone", ""),
    (5, "11/5/2026 7:55:00", "11/5/2026 7:57:30", 1, "Coffee;Croissant;", "Coffee was lukewarm and the milk tasted off.", "Priya.N@Example.com"),
    (6, "11/6/2026 12:10:10", "11/6/2026 12:12:00", 5, "Sourdough loaf;Croissant;Coffee;", "", ""),
    (7, "11/7/2026 9:30:00", "11/7/2026 9:31:45", 4, "Croissant;", "More seats by the window would be lovely", "j.schmidt@example.de"),
    (8, "11/9/2026 16:45:00", "11/9/2026 16:47:20", 5, "Sourdough loaf;Coffee;", "Friendly staff, they remembered my order from last week!", ""),
    (9, "11/10/2026 8:05:00", "11/10/2026 8:06:40", 2, "Coffee;", "Card machine failed twice; I had to go to the cash point.", ""),
    (10, "11/11/2026 11:20:00", "11/11/2026 11:22:05", 4, "Sourdough loaf;Croissant;", "", "mei.chen@example.com"),
]
write("microsoft-forms-traps.csv",
      ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
       "How would you rate your visit today? (1 = poor, 5 = excellent)", "What did you buy today?",
       "Anything we could do better?", "Email (optional, for our newsletter)"],
      [[i, s, e, "anonymous", "", "", r, b, c, m] for i, s, e, r, b, c, m in ms], bom=True, crlf=True)
expect("microsoft-forms-traps.expect",
       ["Microsoft Forms with the three traps: the rating states its scale (1 = poor, 5 = excellent),",
        "\"What did you buy today?\" is a ;-joined choice, \"Email\" says anonymous in every row.",
        "Figures computed by recognise.py."],
       "microsoft-forms", "", len(ms), sum(1 for x in ms if x[5]), sum(1 for x in ms if x[6]),
       "2026-11-02T09:03:40Z", "2026-11-11T11:22:05Z", csat=[x[3] for x in ms])

# ---- Google Forms, Spanish account --------------------------------------------
# "Marca temporal", day-first dates, NPS worded without "likely" or "recommend",
# a checkbox question joined with ", ", the comment asked as "¿Por qué?".
es = [
    ("3/11/2026 10:02:11", 10, "Huerto, Talleres", "Me encanta el ambiente y la gente es muy amable", "lucia.gomez@example.es"),
    ("4/11/2026 18:30:00", 9, "Talleres", "Aprendí a compostar en casa, gracias", ""),
    ("5/11/2026 9:12:45", 6, "Huerto", "Faltan herramientas los fines de semana", "pablo.ruiz@example.mx"),
    ("7/11/2026 12:00:00", 3, "Cocina comunitaria, Huerto", "Nadie contesta los correos de la asociación", "m.fernandez@example.ar"),
    ("8/11/2026 17:45:10", 8, "Huerto", "", ""),
    ("10/11/2026 11:11:11", 10, "Talleres, Cocina comunitaria", "Los talleres del sábado son lo mejor del barrio", "carmen.diaz@example.es"),
    ("12/11/2026 19:20:30", 7, "Cocina comunitaria", "Bien, aunque el horario es corto", ""),
    ("13/11/2026 8:05:00", 0, "Huerto", "Me robaron la cosecha de mi parcela y nadie hizo nada", "jorge.sanz@example.es"),
    ("15/11/2026 13:40:00", 9, "Huerto, Talleres, Cocina comunitaria", "Un espacio precioso para los niños", ""),
]
write("google-forms-es.csv",
      ["Marca temporal", "Dirección de correo electrónico",
       "¿Qué tan probable es que recomiendes la Huerta Comunitaria a un amigo?",
       "¿En qué actividades participas?", "¿Por qué?"],
      [[t, m, n, a, c] for t, n, a, c, m in es])
expect("google-forms-es.expect",
       ["Google Forms from a Spanish account: \"Marca temporal\", day-first dates (--date-order dmy),",
        "the NPS question in Spanish on 0 a 10, a checkbox question joined with \", \".",
        "Figures computed by recognise.py."],
       "google-forms", "--date-order dmy", len(es), sum(1 for x in es if x[3]), sum(1 for x in es if x[4]),
       "2026-11-03T10:02:11Z", "2026-11-15T13:40:00Z", nps=[x[1] for x in es])

# ---- Google Forms, German account, with a matrix -------------------------------
# "Zeitstempel", dd.mm.yyyy times; a matrix "Bitte bewerten Sie: [Brot]" whose
# rows are 1-5 ratings like the CSAT; the CSAT worded "zufrieden ... insgesamt";
# CES 1-7 worded "einfach"; the comment "Was können wir besser machen?".
de = [
    ("02.11.2026 08:15:00", 9, 5, 4, 5, 7, "Alles bestens, das Roggenbrot ist hervorragend", "k.mueller@example.de"),
    ("02.11.2026 17:40:22", 7, 4, 3, 4, 5, "", ""),
    ("04.11.2026 07:05:10", 4, 2, 2, 3, 3, "Die Online-Bestellung hat zweimal nicht funktioniert", "s.wagner@example.at"),
    ("06.11.2026 12:30:00", 10, 5, 5, 5, 6, "Bitte mehr Dinkelbrötchen am Wochenende", ""),
    ("09.11.2026 09:45:45", 8, 4, 4, 2, 6, "Der Kaffee könnte heißer sein", "lena.fischer@example.ch"),
    ("11.11.2026 16:20:00", 2, 1, 3, 1, 2, "Unfreundliche Bedienung und falsches Wechselgeld", "m.becker@example.de"),
    ("13.11.2026 10:10:10", 9, 4, 5, 4, 7, "", ""),
    ("16.11.2026 14:00:00", 6, 3, 4, 3, 4, "Preise sind in letzter Zeit stark gestiegen", ""),
]
write("google-forms-de.csv",
      ["Zeitstempel", "E-Mail-Adresse",
       "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?",
       "Wie zufrieden sind Sie insgesamt mit unserer Bäckerei?",
       "Bitte bewerten Sie: [Brot]", "Bitte bewerten Sie: [Kaffee]",
       "Wie einfach war Ihre Bestellung? (1 = sehr schwierig, 7 = sehr einfach)",
       "Was können wir besser machen?"],
      [[t, m, n, c, b, k, e, x] for t, n, c, b, k, e, x, m in de])
expect("google-forms-de.expect",
       ["Google Forms from a German account: \"Zeitstempel\", dd.mm.yyyy times (--date-order dmy),",
        "a matrix of 1-5 ratings beside the CSAT, CES stated as 1 = sehr schwierig, 7 = sehr einfach.",
        "Figures computed by recognise.py."],
       "google-forms", "--date-order dmy", len(de), sum(1 for x in de if x[6]), sum(1 for x in de if x[7]),
       "2026-11-02T08:15:00Z", "2026-11-16T14:00:00Z",
       nps=[x[1] for x in de], csat=[x[2] for x in de], ces=[x[5] for x in de])

# ---- Typeform with hidden fields, an event survey on "a scale of 0-10" ----------
# The rating question names its scale, not "recommend"; hidden fields (store,
# order_id, email) follow the questions, the e-mail among them.
tf = [
    ("a1f3", 9, "Great talks, well organised and the coffee never ran out", "Harbour St", "5501", "olu.ade@example.ng"),
    ("b7c2", 4, "Too crowded, I could not see the stage from the back", "Mill Lane", "5502", "r.silva@example.br"),
    ("c9d0", 10, "", "Harbour St", "5503", ""),
    ("d4e8", 7, "Good, but the Wi-Fi kept dropping all afternoon", "Harbour St", "5504", "h.tanaka@example.jp"),
    ("e2a6", 8, "Nice venue; sessions started late though", "Mill Lane", "5505", "anna.k@example.pl"),
    ("f5b1", 2, "Registration took forty minutes, nobody explained why", "Mill Lane", "5506", "d.obrien@example.ie"),
]
write("typeform-hidden.csv",
      ["#", "On a scale of 0-10, how would you rate the Harbour Makers Fair?", "Tell us more about your rating",
       "store", "order_id", "email", "Start Date (UTC)", "Submit Date (UTC)", "Network ID"],
      [[i, n, c, s, o, m, f"2026-11-{d:02d} 10:0{k}:00", f"2026-11-{d:02d} 10:1{k}:30", f"net{k}"]
       for k, ((i, n, c, s, o, m), d) in enumerate(zip(tf, (7, 7, 8, 8, 9, 9)))])
expect("typeform-hidden.expect",
       ["Typeform with hidden fields (store, order_id, email) after the questions; the NPS asked",
        "\"On a scale of 0-10, how would you rate ...\". Figures computed by recognise.py."],
       "typeform", "", len(tf), sum(1 for x in tf if x[2]), sum(1 for x in tf if x[5]),
       "2026-11-07T10:10:30Z", "2026-11-09T10:15:30Z", nps=[x[1] for x in tf])

# ---- Two equally likely columns: asked, not guessed -----------------------------
write("ambiguous-ratings.csv",
      ["Timestamp", "Please rate: [Food]", "Please rate: [Service]", "Comments"],
      [["11/2/2026 12:00:00", 4, 5, "Lovely lunch"], ["11/3/2026 13:10:00", 2, 3, "Soup was cold"],
       ["11/4/2026 19:30:00", 5, 4, ""]])
