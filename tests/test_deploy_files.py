"""deploy/ agrees with itself and with the app (issue 20): the compose file, nginx.conf, the
Dockerfile and .env.example name the same servers, port, proxy address and settings, and
every setting the compose file gives the app is one the app reads. No container engine
runs here; these are the mistakes it would show only on the city's machine."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
COMPOSE = (DEPLOY / "compose.yaml").read_text()
NGINX = (DEPLOY / "nginx.conf").read_text()
DOCKERFILE = (DEPLOY / "Dockerfile").read_text()


def test_the_proxy_forwards_to_every_app_server_on_the_port_the_image_serves() -> None:
    upstreams = re.findall(r"^\s*server (\w+):(\d+)", NGINX, re.MULTILINE)
    app_services = re.findall(r"^  (\w+): \*app$", COMPOSE, re.MULTILINE)
    assert sorted(name for name, _ in upstreams) == sorted(app_services) == ["app1", "app2"]
    (exposed,) = re.findall(r"^EXPOSE (\d+)$", DOCKERFILE, re.MULTILINE)
    assert {port for _, port in upstreams} == {exposed}
    assert f'"--server.port={exposed}"' in DOCKERFILE
    assert f"127.0.0.1:{exposed}/_stcore/health" in DOCKERFILE


def test_the_app_trusts_the_forwarded_address_from_the_proxy_alone() -> None:
    (trusted,) = re.findall(r"WIJKRAAD_TRUSTED_PROXIES: (\S+)", COMPOSE)
    (proxy_address,) = re.findall(r"ipv4_address: (\S+)", COMPOSE)
    (subnet,) = re.findall(r"subnet: (\d+\.\d+\.\d+)\.0/24", COMPOSE)
    assert trusted == proxy_address
    assert proxy_address.startswith(f"{subnet}.")
    # nginx replaces the header with the client's address; it never passes one on.
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in NGINX


def test_every_setting_the_compose_file_needs_is_in_the_example_environment() -> None:
    needed = set(re.findall(r"\$\{(\w+):[?-]", COMPOSE))
    example = set(re.findall(r"^(\w+)=", (DEPLOY / ".env.example").read_text(), re.MULTILINE))
    assert needed == example


def test_every_setting_given_to_the_app_is_one_it_reads() -> None:
    given = set(re.findall(r"^\s+(WIJKRAAD_\w+):", COMPOSE, re.MULTILINE))
    source = "\n".join(p.read_text() for p in (ROOT / "dashboard").rglob("*.py"))
    assert given, "the compose file gives the app no settings"
    assert {name for name in given if f'"{name}"' not in source} == set()


def test_the_files_the_compose_file_mounts_exist() -> None:
    mounted = re.findall(r"- \./([\w./-]+):", COMPOSE)
    expected_later = {"certificates"}  # deploy/README.md, first start: the TLS files
    assert {m for m in mounted if not (DEPLOY / m).exists()} == expected_later
