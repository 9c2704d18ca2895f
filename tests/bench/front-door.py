#!/usr/bin/env python3
"""Front-door benchmark: what hostile clients cost the portal, measured, never asserted.

Starts gatehouse-portal on a demo workspace, then
  1. trickle: 20 clients each announce a 1 GB chunked body and trickle it;
  2. slowloris: 1,000 connections each send a request head a few bytes at a time,
     spread over 40 loopback source addresses (the per-address cap is 32);
  3. slowhttptest -H (slowloris) with 1,000 connections, from one address;
  4. slowhttptest -B (slow body) with 1,000 connections, from one address;
  5. slowhttptest -X (slow read) with 1,000 connections, from one address, for at least 25 s
     (the minimum send rate is judged over 10 s windows);
and during each, times ordinary GET requests from another loopback address (127.0.0.2) and
reads the server's resident memory from /proc. Prints the figures, and slowhttptest's own
summary for 3 to 5 (Debian package slowhttptest; skipped when it is not installed).

    tests/bench/front-door.py [--binary build/portalserver/gatehouse-portal] [--seconds 10]
"""
import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

import slowhttp

HOST = "127.0.0.1"


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def ordinary_get(port, source="127.0.0.2"):
    """One GET on a fresh connection; seconds taken, or None when it failed."""
    started = time.monotonic()
    try:
        with socket.create_connection((HOST, port), timeout=5, source_address=(source, 0)) as s:
            s.sendall(b"GET /api/v1/branding HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        if not data.startswith(b"HTTP/1.1 200"):
            return None
    except OSError:
        return None
    return time.monotonic() - started


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure_while(name, port, pid, attack, seconds):
    print(f"{name}:", flush=True)  # the attack's own report comes before the figures
    stop = threading.Event()
    worker = threading.Thread(target=attack, args=(stop,), daemon=True)
    before = rss_kib(pid)
    worker.start()
    time.sleep(1.0)  # let the attack build up
    latencies, failures, peak = [], 0, before
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        taken = ordinary_get(port)
        if taken is None:
            failures += 1
        else:
            latencies.append(taken)
        peak = max(peak, rss_kib(pid))
        time.sleep(0.05)
    stop.set()
    worker.join(timeout=30)
    print(f"  server RSS before {before / 1024:.1f} MiB, peak {peak / 1024:.1f} MiB "
          f"(+{(peak - before) / 1024:.1f} MiB)")
    if latencies:
        print(f"  ordinary GET: {len(latencies)} ok, {failures} failed, "
              f"median {percentile(latencies, 0.5) * 1000:.1f} ms, "
              f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms, "
              f"max {max(latencies) * 1000:.1f} ms")
    else:
        print(f"  ordinary GET: all {failures} failed")


def trickle(port, clients=20):
    def attack(stop):
        sockets = []
        for i in range(clients):
            try:
                s = socket.create_connection((HOST, port), timeout=5,
                                             source_address=(f"127.0.1.{i + 1}", 0))
                s.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: bench\r\n"
                          b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                          b"40000000\r\n")  # a 1 GiB chunk, announced
                sockets.append(s)
            except OSError:
                pass
        piece = b"x" * 16384
        while not stop.is_set() and sockets:
            for s in list(sockets):
                try:
                    s.sendall(piece)
                except OSError:
                    sockets.remove(s)  # the server cut it off
            time.sleep(0.01)
        for s in sockets:
            s.close()
    return attack


def slowloris(port, connections=1000, sources=40):
    def attack(stop):
        sockets = []
        for i in range(connections):
            try:
                s = socket.create_connection(
                    (HOST, port), timeout=5, source_address=(f"127.0.2.{i % sources + 1}", 0))
                s.sendall(b"GET / HTTP/1.1\r\nHost: bench\r\n")
                sockets.append(s)
            except OSError:
                pass
        for s in sockets:
            s.setblocking(False)
        refused = 0
        while not stop.is_set():
            for s in list(sockets):
                try:
                    if s.recv(4096):  # the server answered (408) and is closing
                        refused += 1
                    sockets.remove(s)
                    continue
                except BlockingIOError:
                    pass  # nothing from the server yet: keep trickling
                except OSError:
                    sockets.remove(s)
                    continue
                try:
                    s.send(b"X-a: b\r\n")
                except OSError:
                    sockets.remove(s)
            stop.wait(1.0)
        print(f"  slowloris: {refused} connections answered 408 and closed, "
              f"{len(sockets)} still open when the attack stopped")
        for s in sockets:
            s.close()
    return attack


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default="build/portalserver/gatehouse-portal")
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as data:
        subprocess.run([args.binary, "--data-dir", data, "demo"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        server = subprocess.Popen(
            [args.binary, "--data-dir", data, "serve", "--listen", f"{HOST}:{port}",
             "--public-url", f"http://{HOST}:{port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                if ordinary_get(port) is not None:
                    break
                time.sleep(0.05)
            print(f"gatehouse-portal serve, {os.cpu_count()} threads (the default: one per core; "
                  f"the connection caps apply per thread)")
            measure_while("baseline (no attack)", port, server.pid, lambda stop: None,
                          args.seconds / 2)
            measure_while("20 clients trickling 1 GB chunked bodies", port, server.pid,
                          trickle(port), args.seconds)
            measure_while("1,000 slowloris connections from 40 addresses", port, server.pid,
                          slowloris(port), args.seconds)
            if not slowhttp.available():
                print("slowhttptest is not installed (Debian: slowhttptest): phases 3 to 5 "
                      "skipped")
                return 0
            url = f"http://{HOST}:{port}"
            measure_while("slowhttptest -H: 1,000 slowloris connections from one address",
                          port, server.pid,
                          slowhttp.attack(url + "/", "-H", args.seconds), args.seconds)
            measure_while("slowhttptest -B: 1,000 slow bodies from one address", port,
                          server.pid,
                          slowhttp.attack(url + "/api/v1/auth/login", "-B", args.seconds),
                          args.seconds)
            slow_read = max(args.seconds, 25)
            measure_while("slowhttptest -X: 1,000 slow readers from one address", port,
                          server.pid,
                          slowhttp.attack(url + "/api/v1/openapi.yaml", "-X", slow_read),
                          slow_read)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
