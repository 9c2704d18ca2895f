"""Reads an evidence pack with Python's zipfile, independently of the C++ that wrote it.

Checks every line of MANIFEST.sha256 against the file it names and prints, as JSON, the
archive's names, files the manifest leaves out, files whose hash differs, and each file's
text (JSON, CSV, TXT) or its first five bytes.
"""
import hashlib
import json
import sys
import zipfile

with zipfile.ZipFile(sys.argv[1]) as archive:
    names = archive.namelist()
    listed = {}
    for line in archive.read("MANIFEST.sha256").decode().splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    bad = [n for n, d in listed.items() if hashlib.sha256(archive.read(n)).hexdigest() != d]
    files = {}
    for name in names:
        data = archive.read(name)
        files[name] = (data.decode() if name.endswith((".json", ".csv", ".txt"))
                       else data[:5].decode("latin-1"))
    print(json.dumps({
        "names": names,
        "unlisted": sorted(set(names) - set(listed) - {"MANIFEST.sha256"}),
        "bad": bad,
        "files": files,
    }))
