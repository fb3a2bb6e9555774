#!/usr/bin/env python3
"""Makes the mail the tests import, the way real clients write it, with
Python's own email and mailbox modules (an implementation independent of
GMime), and writes what Python reads back from each message to expected.tsv.

    make-corpus.py DIR

DIR gets eml/*.eml (one message each), support.mbox (mboxo with a ">From "
line and a multipart cut short in the middle), Maildir/{cur,new,tmp} and
expected.tsv: one line per message that has a Message-ID, tab-separated:
message_id, from address (lower-cased), display name, subject, and the
attachments as name:size:sha256 joined by "|" (empty when none).

The customers: Dana (Gmail), Jürgen (German Outlook), Amélie (Apple Mail on
an iPhone), Sam (a phone's HTML-only mail), Taro (ISO-2022-JP), Hanako
(Shift_JIS), Pat (windows-1252), Priya (a forward), Lee (no Message-ID).
The shop is Bloom, support@bloom.example.
"""
import email
import email.charset
import email.encoders
import email.policy
import hashlib
import mailbox
import os
import sys
from email.header import Header
from email.message import EmailMessage, Message
from email.mime.base import MIMEBase
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr

SHOP = "support@bloom.example"
JPEG = bytes(range(256)) * 40 + b"\xff\xd9"  # 10 KB that survive only a binary-safe path
PDF = b"%PDF-1.4\n" + b"".join(b"%d 0 obj\n<< /Length 44 >>\nendobj\n" % i for i in range(200)) + b"%%EOF\n"


def gmail_first():
    m = EmailMessage()
    m["From"] = formataddr(("Dana Ruiz", "dana@example.com"))
    m["To"] = SHOP
    m["Subject"] = "Espresso machine arrived cracked \u2013 box dented"
    m["Date"] = "Tue, 03 Mar 2026 09:12:44 +0100"
    m["Message-ID"] = "<CAdana001@mail.gmail.com>"
    text = ("Hello,\n\nmy new espresso machine arrived today and the water tank is cracked.\n"
            "The box was dented on one corner. Can you send a new tank?\n\nThanks,\nDana\n")
    m.set_content(text, cte="quoted-printable")
    m.add_alternative("<div dir=\"ltr\"><p>Hello,</p><p>my new espresso machine arrived today and the "
                      "water tank is <b>cracked</b>.</p></div>", subtype="html")
    return m


def gmail_reply():
    m = EmailMessage()
    m["From"] = formataddr(("Dana Ruiz", "dana@example.com"))
    m["To"] = SHOP
    m["Subject"] = "Re: Espresso machine arrived cracked \u2013 box dented [cx #1]"
    m["Date"] = "Thu, 05 Mar 2026 18:01:02 +0100"
    m["Message-ID"] = "<CAdana002@mail.gmail.com>"
    # Gmail lists the whole thread; the last id is the shop's reply, which cx may not hold
    m["In-Reply-To"] = "<not-in-cx.1@bloom.example>"
    m["References"] = "<CAdana001@mail.gmail.com> <not-in-cx.1@bloom.example>"
    m.set_content("The new tank fits perfectly, thank you!\n\n"
                  "On Wed, 4 Mar 2026 at 10:15, Bloom Support <support@bloom.example> wrote:\n"
                  "> We are sending you a new tank today.\n"
                  ">\n"
                  "> --\n"
                  "> Bloom\n"
                  "\n"
                  "-- \n"
                  "Dana Ruiz\n"
                  "+1 555 0100\n")
    return m


def outlook_german():
    m = MIMEMultipart("alternative")
    m["From"] = Header("J\u00fcrgen M\u00fcller", "iso-8859-1").encode() + " <Juergen.Mueller@Example.DE>"
    m["To"] = "Bloom Support <support@bloom.example>"
    m["Subject"] = Header("AW: Bestellung 4711 \u2013 M\u00fchle defekt", "windows-1252")
    m["Date"] = "Mon, 09 Mar 2026 08:30:00 +0100"
    m["Message-ID"] = "<AM6PR01MB1234.eurprd01.prod.outlook.com>"
    m["Thread-Index"] = "AQHaXyZ1234567890abcdef=="
    m["X-Mailer"] = "Microsoft Outlook 16.0"
    m["Content-Language"] = "de-DE"
    text = ("Guten Tag,\n\ndie M\u00fchle macht seit gestern ein lautes Ger\u00e4usch und mahlt nicht mehr fein.\n"
            "K\u00f6nnen Sie mir helfen?\n\nMit freundlichen Gr\u00fc\u00dfen\nJ\u00fcrgen M\u00fcller\n\n"
            "-----Urspr\u00fcngliche Nachricht-----\nVon: Bloom <shop@bloom.example>\n"
            "Gesendet: Freitag, 6. M\u00e4rz 2026 12:00\nAn: J\u00fcrgen M\u00fcller\n"
            "Betreff: Bestellung 4711\n\nVielen Dank f\u00fcr Ihre Bestellung.\n")
    cs = email.charset.Charset("windows-1252")
    cs.body_encoding = email.charset.QP
    plain = MIMEText(text, "plain", cs)
    html = MIMEText("<html><body><p>Guten Tag,</p><p>die M\u00fchle macht ein lautes Ger\u00e4usch.</p>"
                    "<div id=\"divRplyFwdMsg\"><b>Von:</b> Bloom</div></body></html>", "html", cs)
    m.attach(plain)
    m.attach(html)
    return m


def apple_flowed():
    m = MIMEMultipart("mixed")
    m["From"] = formataddr(("Am\u00e9lie Dubois", "amelie@example.fr"))
    m["To"] = SHOP
    m["Subject"] = "Grinder makes a noise"
    m["Date"] = "Tue, 10 Mar 2026 21:40:00 +0100"
    m["Message-ID"] = "<5A1B2C3D-0000-4000-8000-ABCDEF012345@example.fr>"
    m["X-Mailer"] = "iPhone Mail (21D61)"
    # format=flowed: a line ending in a space goes on with the next one
    flowed = ("My grinder makes a loud rattling noise since this morning, and the coffee it \n"
              "grinds is much coarser than it used to be, whatever setting I choose on the \n"
              "dial.\n\nA photo of the box is attached.\n\nSent from my iPhone\n")
    t = MIMEBase("text", "plain", charset="utf-8", format="flowed", delsp="no")
    t.set_payload(flowed.encode("utf-8"))
    email.encoders.encode_7or8bit(t)
    m.attach(t)
    img = MIMEBase("image", "jpeg")
    img.set_payload(JPEG)
    email.encoders.encode_base64(img)
    img.add_header("Content-Disposition", "attachment", filename=("utf-8", "", "Foto vom Karton \u00e9.jpg"))
    m.attach(img)
    return m


def mobile_html():
    m = EmailMessage()
    m["From"] = formataddr(("Sam Lee", "sam.lee@example.net"))
    m["To"] = SHOP
    m["Subject"] = "Order #5521 never arrived"
    m["Date"] = "Wed, 11 Mar 2026 07:05:00 -0500"
    m["Message-ID"] = "<mobile.5521@mail.example.net>"
    html = ("<html><head><style>p { color: red }</style><script>alert(1)</script></head><body>"
            "<p>Hi,</p><p>my order <b>#5521</b> never arrived.<br>Tracking says delivered:</p>"
            "<ul><li>Parcel 1Z999</li><li>Left at door</li></ul>"
            "<p>See <a href=\"https://track.example/1Z999\">the tracking page</a>.</p>"
            "<p>Sent from my phone</p></body></html>")
    m.set_content(html, subtype="html", cte="base64")
    return m


def japanese():
    text = "\u30b3\u30fc\u30d2\u30fc\u8c46\u3092\u6ce8\u6587\u3057\u307e\u3057\u305f\u304c\u3001\u307e\u3060\u5c4a\u3044\u3066\u3044\u307e\u305b\u3093\u3002\n\u78ba\u8a8d\u3057\u3066\u304f\u3060\u3055\u3044\u3002\n"
    m = MIMEText(text, "plain", "iso-2022-jp")
    m["From"] = Header("\u5c71\u7530\u592a\u90ce", "iso-2022-jp").encode() + " <taro@example.jp>"
    m["To"] = SHOP
    m["Subject"] = Header("\u30b3\u30fc\u30d2\u30fc\u8c46\u306e\u6ce8\u6587\u306b\u3064\u3044\u3066", "iso-2022-jp")
    m["Date"] = "Thu, 12 Mar 2026 11:00:00 +0900"
    m["Message-ID"] = "<20260312110000.taro@example.jp>"
    return m


def shift_jis():
    text = "\u3053\u3093\u306b\u3061\u306f\u3002\u30df\u30eb\u304c\u58ca\u308c\u307e\u3057\u305f\u3002\n"
    m = Message()
    m["From"] = formataddr(("\u9234\u6728\u82b1\u5b50", "hanako@example.jp"), charset="utf-8")
    m["To"] = SHOP
    m["Subject"] = Header("\u30df\u30eb\u306e\u6545\u969c", "utf-8")
    m["Date"] = "Thu, 12 Mar 2026 12:00:00 +0900"
    m["Message-ID"] = "<sjis.0001@example.jp>"
    m["MIME-Version"] = "1.0"
    m["Content-Type"] = "text/plain; charset=Shift_JIS"
    m["Content-Transfer-Encoding"] = "8bit"
    m.set_payload(text.encode("shift_jis"))
    return m


def windows_1252():
    m = Message()
    m["From"] = '"O\'Brien, Pat" <pat@example.ie>'
    m["To"] = SHOP
    m["Subject"] = Header("Refund \u201csoon\u201d? \u20ac49 still missing", "windows-1252")
    m["Date"] = "Fri, 13 Mar 2026 16:20:00 +0000"
    m["Message-ID"] = "<pat.refund@example.ie>"
    m["MIME-Version"] = "1.0"
    m["Content-Type"] = "text/plain; charset=windows-1252"
    m["Content-Transfer-Encoding"] = "8bit"
    m.set_payload("You said the refund would come \u201csoon\u201d. I am still missing \u20ac49.\n".encode("cp1252"))
    return m


def forward():
    inner = EmailMessage()
    inner["From"] = "Courier <noreply@courier.example>"
    inner["To"] = "priya@example.org"
    inner["Subject"] = "Parcel damaged in transit"
    inner["Date"] = "Fri, 13 Mar 2026 09:00:00 +0000"
    inner["Message-ID"] = "<courier.77@courier.example>"
    inner.set_content("Your parcel 1Z777 was damaged in transit. The sender has been informed.\n")
    inner.add_attachment(PDF, maintype="application", subtype="pdf", filename="damage-report.pdf")
    m = MIMEMultipart("mixed")
    m["From"] = formataddr(("Priya Shah", "priya@example.org"))
    m["To"] = SHOP
    m["Subject"] = "Fwd: Parcel damaged in transit"
    m["Date"] = "Fri, 13 Mar 2026 10:00:00 +0000"
    m["Message-ID"] = "<fwd.priya@example.org>"
    m.attach(MIMEText("See below what the courier wrote. What now?\n", "plain", "utf-8"))
    m.attach(MIMEMessage(email.message_from_bytes(inner.as_bytes())))
    return m


def bounce():
    m = MIMEMultipart("report", report_type="delivery-status")
    m["From"] = "Mail Delivery System <MAILER-DAEMON@mx.bloom.example>"
    m["To"] = SHOP
    m["Subject"] = "Undelivered Mail Returned to Sender"
    m["Date"] = "Sat, 14 Mar 2026 08:00:00 +0000"
    m["Message-ID"] = "<bounce.1@mx.bloom.example>"
    m["Auto-Submitted"] = "auto-replied"
    m.attach(MIMEText("I'm sorry to have to inform you that your message could not be delivered.\n"))
    ds = MIMEBase("message", "delivery-status")
    per_message, per_recipient = Message(), Message()
    per_message["Reporting-MTA"] = "dns; mx.bloom.example"
    per_recipient["Final-Recipient"] = "rfc822; gone@example.com"
    per_recipient["Action"] = "failed"
    per_recipient["Status"] = "5.1.1"
    ds.set_payload([per_message, per_recipient])
    m.attach(ds)
    hdrs = MIMEBase("text", "rfc822-headers")
    hdrs.set_payload("From: support@bloom.example\nTo: gone@example.com\nSubject: Re: your order\n")
    m.attach(hdrs)
    return m


def postmaster():
    m = EmailMessage()
    m["From"] = "postmaster@example.net"
    m["To"] = SHOP
    m["Subject"] = "Delivery delayed"
    m["Date"] = "Sat, 14 Mar 2026 09:00:00 +0000"
    m["Message-ID"] = "<delay.1@example.net>"
    m.set_content("Your message has not been delivered yet. We will keep trying.\n")
    return m


def autoreply():
    m = EmailMessage()
    m["From"] = formataddr(("Dana Ruiz", "dana@example.com"))
    m["To"] = SHOP
    m["Subject"] = "Out of office: Re: Espresso machine arrived cracked"
    m["Date"] = "Sat, 14 Mar 2026 10:00:00 +0100"
    m["Message-ID"] = "<ooo.dana@mail.gmail.com>"
    m["Auto-Submitted"] = "auto-replied"
    m["X-Autoreply"] = "yes"
    m.set_content("I am away until Monday.\n")
    return m


def list_mail():
    m = EmailMessage()
    m["From"] = formataddr(("Coffee Lovers", "news@lists.example.org"))
    m["To"] = "coffee-lovers@lists.example.org"
    m["Subject"] = "[coffee-lovers] Best grinder 2026?"
    m["Date"] = "Sat, 14 Mar 2026 11:00:00 +0000"
    m["Message-ID"] = "<list.42@lists.example.org>"
    m["List-Id"] = "Coffee lovers <coffee-lovers.lists.example.org>"
    m.set_content("Which grinder do you use?\n")
    return m


def bulk():
    m = EmailMessage()
    m["From"] = "Deals <deals@shop.example>"
    m["To"] = SHOP
    m["Subject"] = "50% off this weekend"
    m["Date"] = "Sat, 14 Mar 2026 12:00:00 +0000"
    m["Message-ID"] = "<deals.1@shop.example>"
    m["Precedence"] = "bulk"
    m.set_content("Everything must go.\n")
    return m


def no_message_id():
    m = EmailMessage()
    m["From"] = formataddr(("Lee Park", "lee@example.com"))
    m["To"] = SHOP
    m["Subject"] = "Question about beans"
    m["Date"] = "Sun, 15 Mar 2026 10:00:00 +0000"
    m.set_content("Do you sell decaf beans?\n")
    return m


def token_stranger():
    m = EmailMessage()
    m["From"] = formataddr(("Mallory", "mallory@evil.example"))
    m["To"] = SHOP
    m["Subject"] = "Re: Espresso machine arrived cracked [cx #1]"
    m["Date"] = "Sun, 15 Mar 2026 11:00:00 +0000"
    m["Message-ID"] = "<guess.1@evil.example>"
    m.set_content("Please send the refund to my account instead.\n")
    return m


def token_customer():
    m = EmailMessage()
    m["From"] = formataddr(("Dana Ruiz", "DANA@example.com"))
    m["To"] = SHOP
    m["Subject"] = "One more thing [cx #1]"
    m["Date"] = "Sun, 15 Mar 2026 12:00:00 +0100"
    m["Message-ID"] = "<CAdana003@mail.gmail.com>"
    m.set_content("Could you also send a descaling kit?\n")
    return m


def from_us():
    m = EmailMessage()
    m["From"] = formataddr(("Bloom Support", SHOP))
    m["To"] = "dana@example.com"
    m["Subject"] = "Re: Espresso machine arrived cracked"
    m["Date"] = "Wed, 04 Mar 2026 10:15:00 +0100"
    m["Message-ID"] = "<sent.0001@bloom.example>"
    m["In-Reply-To"] = "<CAdana001@mail.gmail.com>"
    m["References"] = "<CAdana001@mail.gmail.com>"
    m.set_content("We are sending you a new tank today.\n\n-- \nBloom\n")
    return m


EML = [
    ("01-gmail", gmail_first), ("02-gmail-reply", gmail_reply), ("03-outlook-de", outlook_german),
    ("04-apple-flowed", apple_flowed), ("05-mobile-html", mobile_html), ("06-iso-2022-jp", japanese),
    ("07-shift-jis", shift_jis), ("08-windows-1252", windows_1252), ("09-forward", forward),
    ("10-bounce", bounce), ("11-postmaster", postmaster), ("12-autoreply", autoreply), ("13-list", list_mail),
    ("14-bulk", bulk), ("15-no-message-id", no_message_id), ("16-token-stranger", token_stranger),
    ("17-token-customer", token_customer), ("18-from-us", from_us),
]


def as_bytes(m):
    return m.as_bytes()


def attachments(msg):
    """Leaf parts that are files: a disposition of attachment, a file name, or not text."""
    out = []
    for part in msg.walk():
        if part.is_multipart() or part.get_content_maintype() == "message":
            continue
        name = part.get_filename()
        disp = part.get_content_disposition()
        if disp == "attachment" or name or part.get_content_maintype() != "text":
            data = part.get_payload(decode=True) or b""
            out.append("%s:%d:%s" % (name or "", len(data), hashlib.sha256(data).hexdigest()))
    return "|".join(out)


def expect_line(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    mid = msg["Message-ID"]
    if not mid:
        return None
    addr = msg["From"].addresses[0]
    subject = " ".join(str(msg["Subject"]).split())
    return "\t".join([mid.strip().strip("<>"), addr.addr_spec.lower(), addr.display_name, subject,
                      attachments(msg)])


def main():
    out = sys.argv[1]
    os.makedirs(os.path.join(out, "eml"), exist_ok=True)
    expected = []
    for name, make in EML:
        raw = as_bytes(make())
        if name == "03-outlook-de":
            raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")  # Outlook saves .eml with CRLF
        with open(os.path.join(out, "eml", name + ".eml"), "wb") as f:
            f.write(raw)
        line = expect_line(raw)
        if line:
            expected.append(line)

    # An mbox as mail clients keep one: "From " lines in a body are escaped,
    # and one multipart was cut short (a full disk, a killed client).
    box = mailbox.mbox(os.path.join(out, "support.mbox"), create=True)
    box.lock()
    a = EmailMessage()
    a["From"] = formataddr(("Noor Haddad", "noor@example.com"))
    a["To"] = SHOP
    a["Subject"] = "Beans arrived stale"
    a["Date"] = "Mon, 16 Mar 2026 09:00:00 +0000"
    a["Message-ID"] = "<mbox.1@example.com>"
    a.set_content("The beans I got were stale.\n\nFrom the smell, they were roasted months ago.\n")
    box.add(a)
    b = EmailMessage()
    b["From"] = formataddr(("Noor Haddad", "noor@example.com"))
    b["To"] = SHOP
    b["Subject"] = "Re: Beans arrived stale"
    b["Date"] = "Mon, 16 Mar 2026 10:00:00 +0000"
    b["Message-ID"] = "<mbox.2@example.com>"
    b["In-Reply-To"] = "<mbox.1@example.com>"
    b["References"] = "<mbox.1@example.com>"
    b.set_content("Here is the receipt.\n")
    b.add_attachment(PDF, maintype="application", subtype="pdf", filename="receipt.pdf")
    box.add(b)
    c = EmailMessage()
    c["From"] = formataddr(("Ola Nordmann", "ola@example.no"))
    c["To"] = SHOP
    c["Subject"] = "Broken carafe"
    c["Date"] = "Mon, 16 Mar 2026 11:00:00 +0000"
    c["Message-ID"] = "<mbox.3@example.no>"
    c.set_content("My carafe broke.\n")
    c.add_attachment(JPEG, maintype="image", subtype="jpeg", filename="carafe.jpg")
    cut = c.as_bytes(policy=email.policy.default)
    cut = cut[: cut.index(b"Content-Transfer-Encoding: base64") + 300]  # no closing boundary
    box.flush()
    box.unlock()
    box.close()
    # written as it is: the mailbox module would make the message whole again
    with open(os.path.join(out, "support.mbox"), "ab") as f:
        f.write(b"From ola@example.no Mon Mar 16 11:00:00 2026\n" + cut + b"\n\n")
    box = mailbox.mbox(os.path.join(out, "support.mbox"))
    box.lock()
    d = EmailMessage()
    d["From"] = formataddr(("Noor Haddad", "noor@example.com"))
    d["To"] = SHOP
    d["Subject"] = "Re: Beans arrived stale"
    d["Date"] = "Mon, 16 Mar 2026 12:00:00 +0000"
    d["Message-ID"] = "<mbox.4@example.com>"
    d["In-Reply-To"] = "<mbox.2@example.com>"
    d["References"] = "<mbox.1@example.com> <mbox.2@example.com>"
    d.set_content("Any news?\n")
    box.add(d)
    box.flush()
    box.unlock()
    box.close()
    for m in (a, b, d):
        expected.append(expect_line(m.as_bytes(policy=email.policy.default)))

    # A Maildir: one message read (cur/, flags S), one new.
    md = mailbox.Maildir(os.path.join(out, "Maildir"), create=True)
    for i, (subject, sub) in enumerate([("Milk frother leaks", "cur"), ("Where is my invoice?", "new")]):
        m = EmailMessage()
        m["From"] = formataddr(("Kai Wong", "kai@example.com"))
        m["To"] = SHOP
        m["Subject"] = subject
        m["Date"] = "Tue, 17 Mar 2026 0%d:00:00 +0000" % (9 + i)
        m["Message-ID"] = "<maildir.%d@example.com>" % (i + 1)
        m.set_content(subject + ", please help.\n")
        mm = mailbox.MaildirMessage(m)
        mm.set_subdir(sub)
        if sub == "cur":
            mm.set_flags("S")
        md.add(mm)
        expected.append(expect_line(m.as_bytes(policy=email.policy.default)))

    with open(os.path.join(out, "expected.tsv"), "w", encoding="utf-8") as f:
        for line in expected:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
