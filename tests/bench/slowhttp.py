"""slowhttptest (Debian package slowhttptest) as an attack for front-door.py.

slowhttptest opens its connections from one address, so against the portal it meets the
front door's per-address cap first: what it reports is how many it got in and for how long.
"""
import csv
import os
import re
import shutil
import subprocess
import tempfile
import threading

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
MODES = {"-H": "slow headers (slowloris)", "-B": "slow body (R-U-Dead-Yet)",
         "-X": "slow read (a few bytes at a time from a small TCP window)"}


def available():
    return shutil.which("slowhttptest") is not None


def server_sockets(port):
    """The server's side of its connections on port, from ss (iproute2): (established, bytes
    queued in their send buffers, sockets in FIN-WAIT-1); None without ss."""
    if shutil.which("ss") is None:
        return None
    counts = []
    for state in ("established", "fin-wait-1"):
        # slowhttptest's side only: the ordinary GETs come from 127.0.0.2.
        lines = subprocess.run(["ss", "-tnH", "state", state, f"( sport = :{port} )", "dst",
                                "127.0.0.1"], capture_output=True, text=True).stdout.splitlines()
        counts.append(lines)
    queued = sum(int(line.split()[1]) for line in counts[0] if line.split())
    return len(counts[0]), queued, len(counts[1])


def attack(url, mode, seconds, connections=1000, rate=500, interval=5):
    """An attack for front-door.py's measure_while: runs slowhttptest for about `seconds`
    (it stops by itself), then prints its own summary. For -X (whose client never notices a
    connection the server closed behind data it has not read) also what the server holds,
    second by second, from ss."""
    port = int(url.split(":")[2].split("/")[0])

    def run(stop):
        samples = []
        if mode == "-X":
            def sample():
                while not stop.wait(1):
                    samples.append(server_sockets(port))
            threading.Thread(target=sample, daemon=True).start()
        run_slowhttptest(stop)
        if samples and samples[0] is not None:
            peak = max(samples, key=lambda entry: entry[0])
            last_open = max((i + 1 for i, entry in enumerate(samples) if entry[0] > 0), default=0)
            print(f"  server side (ss): at most {peak[0]} connections holding "
                  f"{peak[1] / 1048576:.1f} MiB of queued output, connections open until "
                  f"second {last_open}; at the end {samples[-1][0]} open, "
                  f"{samples[-1][2]} in FIN-WAIT-1")

    def run_slowhttptest(stop):
        with tempfile.TemporaryDirectory() as folder:
            prefix = os.path.join(folder, "stats")
            args = ["slowhttptest", mode, "-c", str(connections), "-r", str(rate),
                    "-i", str(interval), "-l", str(int(seconds) + 1), "-p", "3",
                    "-g", "-o", prefix, "-u", url]
            if mode == "-B":
                args += ["-t", "POST", "-s", "65536", "-f", "application/json"]
            elif mode == "-X":
                # Ask for a 67 KB document 4 times per connection, advertise a window of 32 to
                # 64 bytes and read 32 bytes every 2 s: about 16 bytes a second.
                args += ["-k", "4", "-n", "2", "-w", "32", "-y", "64", "-z", "32"]
            process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                       text=True, errors="replace")
            stop.wait()
            try:
                output, _ = process.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                process.terminate()
                output, _ = process.communicate()
            report(ANSI.sub("", output), prefix + ".csv")

    return run


def report(output, csv_path):
    """Prints slowhttptest's last status block, the peak of its per-second statistics and
    how it ended."""
    blocks = output.split("slow HTTP test status on")
    last = blocks[-1] if len(blocks) > 1 else ""
    status = dict(re.findall(r"^(initializing|pending|connected|error|closed|service available):"
                             r"\s+(\S+)", last, re.MULTILINE))
    ended = re.search(r"Test ended on (\d+)\w* second", output)
    why = re.search(r"Exit status:\s*(.+)", output)
    print("  slowhttptest's own summary: "
          + ", ".join(f"{key} {value}" for key, value in status.items())
          + (f"; ended on second {ended.group(1)}" if ended else "")
          + (f" ({why.group(1).strip()})" if why else ""))
    try:
        with open(csv_path, newline="") as stats:
            rows = list(csv.DictReader(stats))
    except OSError:
        return
    if not rows:
        return
    peak = max(rows, key=lambda row: int(row["Connected"]))
    unavailable = sum(1 for row in rows if row["Service Available"] == "0")
    still_open = [row["Seconds"] for row in rows if int(row["Connected"]) > 0]
    print(f"  slowhttptest per second: at most {peak['Connected']} connected "
          f"(second {peak['Seconds']}), connections open until second "
          f"{still_open[-1] if still_open else 0}, {rows[-1]['Closed']} closed by the end, "
          f"service unavailable in {unavailable} of {len(rows)} seconds")
