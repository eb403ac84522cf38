"""Lighthouse on the built site, as a phone on a slow network sees it: the median of several
runs per page, against the thresholds the site holds itself to.

    python tests/lighthouse/run.py [--runs 3] [PAGE ...]      (the noxfile's lighthouse session)

Pages default to the home page, every page of the nav and the notebooks. The site is served
from site/ (or SITE_DIR) gzipped, as GitHub Pages serves it; Lighthouse runs its default mobile
emulation with simulated throttling. Exit status 1 when a page misses a threshold.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path

from pmv.project import PROJECT

ROOT = PROJECT.root
CLI = PROJECT.lighthouse / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# What the site holds itself to (issue: outputs people can read, on any screen).
MINIMUM = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_TRANSFER = 300 * 1000  # bytes, compressed, on a first visit
COMPRESSED = {".html", ".js", ".css", ".json", ".svg", ".xml", ".txt", ".map"}
FLAGS = "--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking"


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzipped, as a production host serves them."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def browser() -> str:
    for candidate in (os.environ.get("SITE_BROWSER"), "chromium", "google-chrome"):
        found = candidate and (shutil.which(candidate) or (Path(candidate).is_file() and candidate))
        if found:
            return str(found)
    sys.exit("no browser: set SITE_BROWSER, or install chromium (Debian: apt-get install chromium)")


def default_pages(site: Path) -> list[str]:
    folders = sorted(p.parent.relative_to(site) for p in site.rglob("index.html"))
    return [
        "/" if str(folder) == "." else f"/{folder.as_posix()}/"
        for folder in folders
        if not {"search", "assets"} & set(folder.parts)
    ]


def measure(url: str, chrome: str) -> dict:
    done = subprocess.run(
        [
            "node",
            str(CLI),
            url,
            "--quiet",
            f"--chrome-flags={FLAGS}",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": chrome},
        timeout=300,
    )
    if done.returncode != 0:
        sys.exit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    audits = report["audits"]
    return {
        **scores,
        "transfer": audits["total-byte-weight"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args()
    site = Path(os.environ.get("SITE_DIR") or ROOT / "site").resolve()
    if not (site / "index.html").is_file():
        sys.exit(f"no built site in {site}: run `python3 noxfile.py -s docs` first")
    if not CLI.is_file():
        sys.exit(f"no {CLI.relative_to(ROOT)}: run `npm ci` in tests/lighthouse (the session does)")
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{httpd.server_port}"
    chrome = browser()
    print(f"Lighthouse, {args.runs} runs per page, mobile, simulated throttling, with {chrome}")
    print(f"{'page':32} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'TBT ms':>7} {'KB':>5}")
    failures = []
    for page in args.pages or default_pages(site):
        runs = [measure(origin + page, chrome) for _ in range(args.runs)]
        median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        print(
            f"{page:32} {median['performance']:4.0f} {median['accessibility']:4.0f} "
            f"{median['best-practices']:4.0f} {median['seo']:4.0f} {median['tbt']:7.0f} "
            f"{median['transfer'] / 1000:5.0f}",
            flush=True,
        )
        for category, minimum in MINIMUM.items():
            if median[category] < minimum:
                failures.append(f"{page}: {category} {median[category]:.0f} < {minimum}")
        if median["transfer"] > MAX_TRANSFER:
            failures.append(
                f"{page}: {median['transfer'] / 1000:.0f} KB > {MAX_TRANSFER / 1000:.0f}"
            )
    httpd.shutdown()
    for line in failures:
        print(f"below the site's threshold: {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
