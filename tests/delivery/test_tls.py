"""STARTTLS and implicit TLS against a real aiosmtpd with a certificate from a test CA."""

from __future__ import annotations

import shutil
import ssl
import subprocess

import pytest
from aiosmtpd.controller import Controller

from forms_app.delivery import SmtpSettings

from tests.support.submissions import full_submission
from tests.support.smtp_server import SmtpServer

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    d = tmp_path_factory.mktemp("tls")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=Guichet test CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=d)
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
            "-subj", "/CN=127.0.0.1", cwd=d)
    (d / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                               "extendedKeyUsage=serverAuth\nauthorityKeyIdentifier=keyid\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf", cwd=d)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(d / "server.pem", d / "server.key")
    return d, context


class TlsServer(SmtpServer):
    def __init__(self, **controller_kwargs):
        super().__init__()
        self.controller_kwargs = controller_kwargs

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **self.controller_kwargs)
        self.controller.start()


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_tls_with_a_verified_certificate(store, make_worker, certs, monkeypatch, security):
    folder, context = certs
    server = TlsServer(**({"tls_context": context, "require_starttls": True} if security == "starttls"
                          else {"ssl_context": context}))
    server.start()
    try:
        monkeypatch.setenv("SSL_CERT_FILE", str(folder / "ca.pem"))  # the relay's CA, as an operator would
        store.save_submission(full_submission(resident_copy_to=None))
        settings = SmtpSettings(host="127.0.0.1", port=server.port, security=security, timeout=5)
        assert make_worker(smtp_settings=settings).run_once() == {"sent": 1}
        assert len(server.received) == 1
    finally:
        server.close()


def test_an_untrusted_certificate_is_refused_and_retried(store, make_worker, certs, monkeypatch):
    _, context = certs
    server = TlsServer(tls_context=context, require_starttls=True)
    server.start()
    try:
        monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent")
        ref = store.save_submission(full_submission(resident_copy_to=None))
        settings = SmtpSettings(host="127.0.0.1", port=server.port, security="starttls", timeout=5)
        assert make_worker(smtp_settings=settings).run_once() == {"retry": 1}
        assert "CERTIFICATE_VERIFY_FAILED" in store.outbox.rows_for(ref)[0].last_error
        assert server.received == []
    finally:
        server.close()


def test_a_server_requiring_starttls_is_a_settings_problem_not_a_bounce(store, make_worker, certs):
    _, context = certs
    server = TlsServer(tls_context=context, require_starttls=True)
    server.start()
    try:
        ref = store.save_submission(full_submission(resident_copy_to=None))
        settings = SmtpSettings(host="127.0.0.1", port=server.port, security="none", timeout=5)
        assert make_worker(smtp_settings=settings).run_once() == {"retry": 1}
        assert store.outbox.rows_for(ref)[0].last_error.startswith("530 authentication or TLS required")
    finally:
        server.close()
