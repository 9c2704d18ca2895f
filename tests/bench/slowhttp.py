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

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
MODES = {"-H": "slow headers (slowloris)", "-B": "slow body (R-U-Dead-Yet)"}


def available():
    return shutil.which("slowhttptest") is not None


def attack(url, mode, seconds, connections=1000, rate=500, interval=5):
    """An attack for front-door.py's measure_while: runs slowhttptest for about `seconds`
    (it stops by itself), then prints its own summary."""

    def run(stop):
        with tempfile.TemporaryDirectory() as folder:
            prefix = os.path.join(folder, "stats")
            args = ["slowhttptest", mode, "-c", str(connections), "-r", str(rate),
                    "-i", str(interval), "-l", str(int(seconds) + 1), "-p", "3",
                    "-g", "-o", prefix, "-u", url]
            if mode == "-B":
                args += ["-t", "POST", "-s", "65536", "-f", "application/json"]
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
