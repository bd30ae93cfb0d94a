"""Browser tests: Debian's Chromium driven by Playwright against a real `guild serve` on a free loopback port.

No browser is ever downloaded: Playwright is pointed at /usr/bin/chromium.
"""
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _guild_binary() -> Path:
    explicit = os.environ.get("GUILD_BIN")
    if explicit:
        return Path(explicit)
    bin_dir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    binary = Path(bin_dir) / "guild"
    if not binary.exists():
        subprocess.run(["swift", "build", "--product", "guild"], cwd=ROOT, check=True)
    return binary


def running_guild(prefix="guild-browser-", extra_env=None):
    """Starts a real `guild serve` on a fresh SQLite file and a free port; a generator that yields
    (base URL, environment, binary, working folder) and stops the server and removes the folder after."""
    workdir = tempfile.mkdtemp(prefix=prefix)
    port = _free_port()
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update({"SQLITE_PATH": os.path.join(workdir, "guild.sqlite"), "BCRYPT_COST": "4",
                "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"})
    env.update(extra_env or {})
    binary = str(_guild_binary())
    log = open(os.path.join(workdir, "server.log"), "w")
    proc = subprocess.Popen([binary, "serve", "--hostname", "127.0.0.1", "--port", str(port)],
                            cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/health", timeout=1) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            log.close()
            raise RuntimeError("guild serve did not start:\n" + open(os.path.join(workdir, "server.log")).read())
        time.sleep(0.2)
    try:
        yield base, env, binary, workdir
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def server():
    """A real Guild server on a fresh SQLite file; yields its base URL."""
    for base, _, _, _ in running_guild():
        yield base


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


def unique_email(name: str) -> str:
    return f"{name.lower()}.{uuid.uuid4().hex[:8]}@example.org"


def sign_up(page, base: str, name: str, password: str = "correct horse battery") -> str:
    """Signs up through the page and returns the email used."""
    email = unique_email(name)
    page.goto(base + "/signup")
    page.fill("#displayName", name)
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return email


def log_in(page, base: str, email: str, password: str = "correct horse battery"):
    page.goto(base + "/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def log_out(page):
    page.click("header.site form[action='/logout'] button")
    page.wait_for_load_state()
