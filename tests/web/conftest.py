"""Network tests reach 127.0.0.1 only: any other host name fails to resolve, without asking a resolver."""

from __future__ import annotations

import socket

import pytest

_real = socket.getaddrinfo


def _local_only(host, *args, **kwargs):
    if host in ("127.0.0.1", "localhost", b"127.0.0.1", b"localhost"):
        return _real("127.0.0.1", *args, **kwargs)
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


@pytest.fixture(autouse=True)
def local_only(monkeypatch, tmp_path):
    monkeypatch.setattr(socket, "getaddrinfo", _local_only)
    monkeypatch.setenv("STORYDIFF_CACHE", str(tmp_path / "cache"))
