"""A real SMTP server on loopback for SmtpClientTest: Debian's python3-aiosmtpd, with optional AUTH, STARTTLS or
implicit TLS, and refusals. Each delivered message is written as <n>.json: the envelope, whether TLS and AUTH were
used, and the message as Python's email package decodes it (subject, headers, body), plus the raw text.
Prints "READY" when it listens; stops when its stdin closes."""
import argparse
import asyncio
import email
import email.policy
import json
import os
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
p.add_argument("--dir", required=True)
p.add_argument("--auth", help="USER:PASSWORD the server accepts; AUTH is then required")
p.add_argument("--only-login", action="store_true", help="offer AUTH LOGIN only")
p.add_argument("--cert")
p.add_argument("--key")
p.add_argument("--starttls", action="store_true")
p.add_argument("--implicit-tls", action="store_true")
p.add_argument("--refuse-data", action="store_true")
a = p.parse_args()


class Handler:
    count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "refuse" in address:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if a.refuse_data:
            return "554 5.6.0 message refused by policy"
        Handler.count += 1
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        record = {
            "mail_from": envelope.mail_from,
            "mail_options": envelope.mail_options,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            "authenticated": bool(session.authenticated),
            "login": session.auth_data.login.decode() if session.auth_data is not None else None,
            "header_names": list(msg.keys()),
            "subject": str(msg["subject"]),
            "from": str(msg["from"]),
            "to": [str(t) for t in msg.get_all("to", [])],
            "date": str(msg["date"]),
            "message_id": str(msg["message-id"]),
            "defects": [type(d).__name__ for d in msg.defects],
            "body": msg.get_content().replace("\r\n", "\n"),
            "raw": envelope.content.decode("utf-8", "replace"),
        }
        path = os.path.join(a.dir, "%d.json" % Handler.count)
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(path + ".tmp", path)
        return "250 2.0.0 Ok: queued as %d" % Handler.count


def authenticator(server, session, envelope, mechanism, auth_data):
    user, _, password = a.auth.partition(":")
    ok = auth_data.login.decode() == user and auth_data.password.decode() == password
    return AuthResult(success=ok, handled=False, auth_data=auth_data)


kwargs = {}
if a.auth:
    kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=a.starttls)
    if a.only_login:
        kwargs["auth_exclude_mechanism"] = ["PLAIN"]
tls = None
if a.cert:
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(a.cert, a.key)
if a.starttls:
    kwargs.update(tls_context=tls, require_starttls=True)
controller = Controller(Handler(), hostname="127.0.0.1", port=a.port,
                        ssl_context=tls if a.implicit_tls else None, ready_timeout=10, **kwargs)
controller.start()
print("READY", flush=True)
sys.stdin.read()
controller.stop()
