"""What the portal benchmarks share: ports, signing a contact in, starting the server.

Figures only: nothing here asserts a timing.
"""
import email
import glob
import json
import os
import re
import socket
import subprocess
import time
import urllib.request

HOST = "127.0.0.1"


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_for_port(port, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


def post_json(base, path, body, cookie=None):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"},
                                     method="POST")
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.loads(reply.read()), reply.headers


def code_from_mailbox(mailbox, email_address, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for path in sorted(glob.glob(os.path.join(mailbox, "*.eml")), key=os.path.getmtime,
                           reverse=True):
            with open(path, "rb") as f:
                message = email.message_from_binary_file(f)
            if email_address not in str(message.get("To", "")):
                continue
            for part in message.walk():
                if part.get_content_type() == "text/plain":
                    text = part.get_payload(decode=True).decode("utf-8", "replace")
                    found = re.search(r"Your sign-in code: (\d{6})", text)
                    if found:
                        return found.group(1)
        time.sleep(0.1)
    raise RuntimeError(f"no sign-in code for {email_address} in {mailbox}")


def sign_in(binary, data, base, email_address, options=()):
    """Invites the contact from the command line (options such as --database go to it) and
    signs in with the code from the mailbox; the session cookie."""
    link = subprocess.run([binary, "--data-dir", data, *options, "--public-url", base, "invite",
                           email_address], check=True, capture_output=True, text=True).stdout
    token = link.strip().splitlines()[-1].rsplit("/", 1)[-1]
    started, _ = post_json(base, "/api/v1/auth/invite", {"token": token})
    code = code_from_mailbox(os.path.join(data, "mailbox"), email_address)
    _, headers = post_json(base, "/api/v1/auth/code",
                           {"challenge": started["challenge"], "code": code})
    for header in headers.get_all("Set-Cookie"):
        found = re.match(r"(gh_session=[^;]+)", header)
        if found:
            return found.group(1)
    raise RuntimeError("signed in, but no session cookie")


def get(url, cookie):
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return reply.read(), reply.headers


def serve(binary, data, port, threads):
    server = subprocess.Popen(
        [binary, "--data-dir", data, "serve", "--listen", f"{HOST}:{port}",
         "--public-url", f"http://{HOST}:{port}", "--threads", str(threads),
         "--trusted-proxy", HOST], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port)
    return server


def stop(process):
    process.terminate()
    process.wait(timeout=10)


def start_nginx(root, name, body, content_type, sendfile=False):
    """nginx serving body as root/name, the reference the portal is measured against; the
    process and the file's URL. sendfile: let the kernel copy the file (nginx's own default is
    off; Debian's packaged configuration turns it on)."""
    os.chmod(root, 0o755)  # nginx's workers run as another user
    with open(os.path.join(root, name), "wb") as f:
        f.write(body)
    os.chmod(os.path.join(root, name), 0o644)
    port = free_port()
    with open(os.path.join(root, "nginx.conf"), "w") as f:
        f.write(f"""worker_processes auto;
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    keepalive_requests 1000000;
    sendfile {"on" if sendfile else "off"};
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    server {{
        listen {HOST}:{port};
        root {root};
        location = /{name} {{ default_type {content_type}; }}
    }}
}}
""")
    nginx = subprocess.Popen(["nginx", "-p", root, "-c", os.path.join(root, "nginx.conf")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port)
    return nginx, f"http://{HOST}:{port}/{name}"
