"""The reverse-proxy examples in deploy/: TLS, HTTP -> HTTPS, and headers the app can trust."""

from __future__ import annotations

import re

import pytest

from tests.deploy.nginx_config import Directive, NginxSyntaxError, parse
from tests.deploy.unit_files import read_unit
from tests.paths import REPO_ROOT

NGINX = REPO_ROOT / "deploy" / "nginx" / "downtown-snap.conf"
CADDY = REPO_ROOT / "deploy" / "caddy" / "Caddyfile"


def served_address() -> str:
    (argv,) = read_unit(REPO_ROOT / "deploy" / "systemd" / "downtown-snap-web.service").commands()
    options = dict(zip(argv[2::2], argv[3::2], strict=False))
    return f"{options['--host']}:{options['--port']}"


def servers() -> list[Directive]:
    return parse(NGINX.read_text(encoding="utf-8")).find("server")


def root_location(server: Directive) -> Directive:
    return next(d for d in server.find("location") if d.args == ["/"])


def listening_on(port: str) -> Directive:
    for server in servers():
        if any(listen.args[0].endswith(port) for listen in server.find("listen")):
            return server
    raise AssertionError(f"no server listens on {port}")


def headers(block: Directive, directive: str) -> dict[str, str]:
    return {d.args[0].lower(): " ".join(d.args[1:]) for d in block.find(directive)}


def test_nginx_config_is_well_formed() -> None:
    parse(NGINX.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "broken",
    ["server { listen 80 }", "server { listen 80;", "listen 80; }", "location / { return 301 x"],
)
def test_the_reader_catches_broken_nginx_syntax(broken: str) -> None:
    with pytest.raises(NginxSyntaxError):
        parse(broken)


def test_plain_http_only_redirects_to_https() -> None:
    server = listening_on("80")
    redirect = root_location(server).first("return")
    assert redirect.args[0] == "301" and redirect.args[1].startswith("https://")
    assert not any(d.find("proxy_pass") for d in server.find("location"))


def test_https_server_has_certificates_modern_tls_and_hsts() -> None:
    server = listening_on("443")
    assert all("ssl" in listen.args for listen in server.find("listen"))
    assert server.first("ssl_certificate").args and server.first("ssl_certificate_key").args
    assert set(server.first("ssl_protocols").args) <= {"TLSv1.2", "TLSv1.3"}
    added = headers(server, "add_header")
    assert added["strict-transport-security"].startswith("max-age=")
    assert added["x-content-type-options"].startswith("nosniff")
    assert server.first("client_max_body_size").args


def test_https_server_proxies_to_the_web_service_with_trustworthy_headers() -> None:
    config = parse(NGINX.read_text(encoding="utf-8"))
    upstreams = {u.args[0]: u for u in config.find("upstream")}
    location = root_location(listening_on("443"))
    target = location.first("proxy_pass").args[0].removeprefix("http://")
    assert upstreams[target].first("server").args[0] == served_address()
    sent = headers(location, "proxy_set_header")
    assert sent["host"] == "$host"
    assert sent["x-forwarded-proto"] == "$scheme"
    # Overwritten, not appended: a client cannot slip in an address of its choice.
    assert sent["x-forwarded-for"] == "$remote_addr"


def test_caddy_example_proxies_to_the_web_service() -> None:
    text = CADDY.read_text(encoding="utf-8")
    assert text.count("{") == text.count("}")
    assert re.search(rf"^\s*reverse_proxy\s+{re.escape(served_address())}\s*$", text, re.M)
    assert "Strict-Transport-Security" in text
