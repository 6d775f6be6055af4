"""#11 item 8: nginx's snippet in docs/serving.md sends the app's security headers on static pages.

One list (``forms_app/headers.py``) for the app and the docs. nginx's
``add_header`` is not inherited by a location that has its own, so every
location serving files must carry the whole set; a location that proxies to
the app must carry none (the app sends them); the server block none.
When nginx is installed, ``nginx -t`` checks the snippets as well.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from forms_app.headers import HSTS_PRODUCTION_DEFAULT, SECURITY_HEADERS, page_headers

ROOT = Path(__file__).resolve().parents[1]
SERVING = ROOT / "docs" / "serving.md"
PRODUCTION_SET = page_headers(HSTS_PRODUCTION_DEFAULT)


@dataclass
class Block:
    words: list[str]
    statements: list[list[str]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


def tokens(text: str) -> list[str]:
    """nginx's lexer, enough for our snippets: words, quoted strings (unquoted), ``{ } ;``, ``#`` comments."""
    found, i = [], 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "#":
            i = text.find("\n", i) if "\n" in text[i:] else len(text)
        elif c in "{};":
            found.append(c)
            i += 1
        elif c in "\"'":
            end = i + 1
            while text[end] != c:
                end += 2 if text[end] == "\\" else 1
            found.append(text[i + 1:end])
            i = end + 1
        else:
            word = re.match(r"[^\s{};\"'#]+", text[i:]).group(0)
            found.append(word)
            i += len(word)
    return found


def parse(text: str) -> Block:
    root, stack, words = Block([]), [], []
    stack.append(root)
    for token in tokens(text):
        if token == ";":
            stack[-1].statements.append(words)
            words = []
        elif token == "{":
            block = Block(words)
            stack[-1].blocks.append(block)
            stack.append(block)
            words = []
        elif token == "}":
            assert not words, f"unterminated statement {words}"
            stack.pop()
        else:
            words.append(token)
    assert len(stack) == 1 and not words, "unbalanced braces in the snippet"
    return root


def snippets() -> list[str]:
    return re.findall(r"```nginx\n(.*?)```", SERVING.read_text(encoding="utf-8"), re.S)


def server_block() -> Block:
    (server,) = [b for b in parse(snippets()[0]).blocks if b.words == ["server"]]
    return server


def added_headers(block: Block) -> dict[str, str]:
    found = {}
    for words in block.statements:
        if words[0] == "add_header":
            assert words[-1] == "always", f"{words}: without 'always' the header is missing on error pages"
            assert words[1] not in found, f"{words[1]} added twice"
            found[words[1]] = words[2]
    return found


def test_the_app_sends_exactly_the_shared_set(tmp_path):
    from forms_app import create_app

    from tests.support.apps import BufferedClient

    from tests.support.forms import config

    app = create_app(config(tmp_path, HSTS_SECONDS=HSTS_PRODUCTION_DEFAULT))
    app.test_client_class = BufferedClient  # reads each file to the end (no unclosed-file warning)
    for path in ("/", "/forms/every-field/", "/no/such/page/"):
        response = app.test_client().get(path)
        sent = {name: response.headers[name] for name in PRODUCTION_SET if name in response.headers}
        assert sent == PRODUCTION_SET, path
    app.extensions["guichet_store"].engine.dispose()


def test_every_location_serving_files_sends_the_apps_headers():
    server = server_block()
    locations = [b for b in server.blocks if b.words[0] == "location"]
    static = [b for b in locations if not any(w[0] == "proxy_pass" for w in b.statements)]
    paths = [" ".join(b.words[1:]) for b in static]
    assert "/" in paths and "/fr/" in paths, paths
    for block in static:
        headers = added_headers(block)
        headers.pop("Cache-Control", None)
        assert headers == PRODUCTION_SET, f"location {' '.join(block.words[1:])}"
    assert "object-src 'none'" in PRODUCTION_SET["Content-Security-Policy"]
    assert set(SECURITY_HEADERS) <= set(PRODUCTION_SET)


def test_no_headers_where_nginx_would_drop_or_double_them():
    server = server_block()
    assert added_headers(server) == {}, "server-level add_header is dropped in every location with its own"
    for block in server.blocks:
        if any(w[0] == "proxy_pass" for w in block.statements):
            assert added_headers(block) == {}, f"location {' '.join(block.words[1:])}: the app sends its own headers"


@pytest.mark.skipif(shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(), reason="nginx is not installed")
def test_nginx_accepts_the_snippets(tmp_path):
    main, proxy = snippets()[:2]
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    (tmp_path / "guichet_proxy.conf").write_text(proxy, encoding="utf-8")
    main = main.replace("/etc/nginx/guichet_proxy.conf", str(tmp_path / "guichet_proxy.conf"))
    main = main.replace("    server_name ", f"    ssl_certificate {cert};\n    ssl_certificate_key {key};\n    server_name ", 1)
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
                    f"http {{\naccess_log off;\n{main}\n}}\n", encoding="utf-8")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    done = subprocess.run([nginx, "-t", "-q", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
