#!/usr/bin/env python3
"""Login-page enumeration benchmark: does the answer give away whether an email is a client's?

Starts gatehouse-portal on a demo workspace with 200 extra contacts, then posts
/api/v1/auth/login alternately with a known and an unknown address, 200 of each, each from
its own loopback source address (so the per-address rate limit is not what is measured), and
compares status, body shape and response time. Prints the figures; asserts nothing.

    tests/bench/login-timing.py [--binary build/portalserver/gatehouse-portal] [--tries 200]
"""
import argparse
import http.client
import json
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HOST = "127.0.0.1"


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class SourceConnection(http.client.HTTPConnection):
    def __init__(self, port, source):
        super().__init__(HOST, port, timeout=10, source_address=(source, 0))


def login(port, source, email):
    connection = SourceConnection(port, source)
    body = json.dumps({"email": email})
    started = time.perf_counter()
    connection.request("POST", "/api/v1/auth/login", body=body,
                       headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    data = response.read()
    taken = time.perf_counter() - started
    connection.close()
    return response.status, data, taken


def shape(data):
    try:
        answer = json.loads(data)
    except ValueError:
        return "not json"
    masked = answer.get("email", "")
    return (sorted(answer), len(answer.get("challenge", "")), masked.count("\u2022"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default="build/portalserver/gatehouse-portal")
    parser.add_argument("--tries", type=int, default=200)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as data:
        subprocess.run([args.binary, "--data-dir", data, "demo"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        db = sqlite3.connect(f"{data}/gatehouse.sqlite")
        company = db.execute("SELECT id FROM company LIMIT 1").fetchone()[0]
        db.executemany("INSERT INTO contact (company_id, name, email, created_at) "
                       "VALUES (?, ?, ?, 0)",
                       ((company, f"Known {i}", f"known{i}@client.example.test")
                        for i in range(args.tries)))
        db.commit()
        db.close()
        server = subprocess.Popen(
            [args.binary, "--data-dir", data, "serve", "--threads", "1",
             "--listen", f"{HOST}:{port}", "--public-url", f"http://{HOST}:{port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    socket.create_connection((HOST, port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.05)
            results = {"known": [], "unknown": []}
            for i in range(args.tries):
                for kind in ("known", "unknown"):
                    email = (f"known{i}@client.example.test" if kind == "known"
                             else f"stranger{i}@client.example.test")
                    source = f"127.0.5.{(i % 250) + 1}" if kind == "known" else \
                        f"127.0.6.{(i % 250) + 1}"
                    results[kind].append(login(port, source, email))
        finally:
            server.terminate()
            server.wait(timeout=10)
    for kind, rows in results.items():
        statuses = sorted({status for status, _, _ in rows})
        shapes = {repr(shape(body)) for _, body, _ in rows}
        times = [taken * 1000 for _, _, taken in rows]
        print(f"{kind:8} statuses {statuses}, body shapes {len(shapes)}: {sorted(shapes)[0]}")
        print(f"{'':8} median {statistics.median(times):.2f} ms, "
              f"p90 {sorted(times)[int(0.9 * len(times))]:.2f} ms")
    known = statistics.median(t for _, _, t in results["known"]) * 1000
    unknown = statistics.median(t for _, _, t in results["unknown"]) * 1000
    print(f"median difference known - unknown: {known - unknown:+.2f} ms "
          f"over {args.tries} tries each (target: under 10 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
