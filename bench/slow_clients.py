#!/usr/bin/env python3
"""Slow clients against a running Civic: one address opens many connections that send half a
request's headers and then nothing (slowloris). Prints how many the server still holds after
a second and after its header timeout, and how long a normal request takes meanwhile.

Usage: bench/slow_clients.py http://127.0.0.1:PORT [connections, default 2000] [timeout s, default 10]
"""
import select
import socket
import sys
import time
import urllib.request
from urllib.parse import urlparse


def still_open(socks):
    """Sockets the server has not closed: not readable, or readable with data (not EOF)."""
    alive = []
    for s in socks:
        try:
            # poll, not select: there are more descriptors than select can watch.
            poller = select.poll()
            poller.register(s, select.POLLIN)
            if poller.poll(0) and s.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b"":
                continue
            alive.append(s)
        except BlockingIOError:
            alive.append(s)
        except OSError:
            continue
    return alive


SLOW_ADDRESS = "127.0.0.2"


def normal_request(base):
    t0 = time.perf_counter()
    with urllib.request.urlopen(base + "/healthz", timeout=30) as r:
        r.read()
        status = r.status
    return status, (time.perf_counter() - t0) * 1000


def main():
    base = sys.argv[1].rstrip("/")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 10
    url = urlparse(base)
    socks = []
    refused = 0
    for _ in range(n):
        s = socket.socket()
        s.settimeout(2)
        try:
            # The slow client has its own address (any 127.x.y.z is this machine), so the
            # normal request below comes from someone else, as it would in the wild.
            s.bind((SLOW_ADDRESS, 0))
            s.connect((url.hostname, url.port))
            s.sendall(b"GET / HTTP/1.1\r\nHost: slow\r\nX-Slow: ")
            socks.append(s)
        except OSError:
            refused += 1
            s.close()
    time.sleep(1)
    held = len(still_open(socks))
    status, ms = normal_request(base)
    print(f"slow connections opened: {len(socks)} (refused at connect: {refused})")
    print(f"held by the server after 1 s: {held}")
    print(f"a normal request from another address meanwhile: HTTP {status} in {ms:.1f} ms")
    time.sleep(timeout + 1)
    held_later = len(still_open(socks))
    print(f"held after the header timeout ({timeout:.0f} s + 1 s): {held_later}")
    for s in socks:
        s.close()


if __name__ == "__main__":
    main()
