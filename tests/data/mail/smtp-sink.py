#!/usr/bin/env python3
"""A throw-away SMTP server for the tests: listens on 127.0.0.1 on a free
port, writes the port to PORTFILE once it is ready, and keeps each message
it is given, byte for byte as it came in DATA, in DIR/1.eml, DIR/2.eml, ...
with the envelope in DIR/N.envelope. Runs until it is killed.

    smtp-sink.py DIR PORTFILE
"""
import os
import socket
import sys
import time

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, out):
        self.out = out
        self.n = 0

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        base = os.path.join(self.out, str(self.n))
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".envelope", "w") as f:
            f.write("from %s\n" % envelope.mail_from)
            for rcpt in envelope.rcpt_tos:
                f.write("to %s\n" % rcpt)
        os.rename(base + ".tmp", base + ".eml")
        return "250 OK"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    out, portfile = sys.argv[1], sys.argv[2]
    for _ in range(20):
        port = free_port()
        try:
            c = Controller(Keep(out), hostname="127.0.0.1", port=port)
            c.start()
            break
        except Exception:  # taken between the check and the start: another one
            continue
    else:
        sys.exit("no free port")
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % port)
    os.rename(portfile + ".tmp", portfile)
    while True:
        time.sleep(60)


if __name__ == "__main__":
    main()
