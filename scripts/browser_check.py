#!/usr/bin/env python3
"""Opens every page of the rendered site in headless Chromium and fails on what a
reader would notice: a console error, a broken internal link or anchor, a missing
image, math that did not render as MathML, or a page wider than a phone's screen.
Saves a phone and a desktop screenshot of every page, and prints one handout.

Usage: scripts/browser_check.py SITE_DIR SCREENSHOT_DIR
"""
import html.parser
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import http.server
import functools

PHONE_WIDTH = 360


class Links(html.parser.HTMLParser):
    """The ids of a page and the internal addresses it points to."""

    def __init__(self):
        super().__init__()
        self.ids, self.targets = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            value = attrs.get(name)
            if value and not value.startswith(("http:", "https:", "mailto:", "data:")):
                self.targets.append((tag, value))


def static_problems(site, pages):
    parsed = {}
    for page in pages:
        p = Links()
        with open(os.path.join(site, page), encoding="utf-8") as f:
            p.feed(f.read())
        parsed[page] = p
    problems = []
    for page, p in parsed.items():
        for tag, target in p.targets:
            path, _, anchor = target.partition("#")
            path = path or page
            if not os.path.exists(os.path.join(site, path)):
                problems.append(f"{page}: <{tag}> points to {target}, which does not exist")
            elif anchor and path.endswith(".html"):
                ids = parsed[path].ids if path in parsed else set()
                if anchor not in ids:
                    problems.append(f"{page}: link to {target}: no element has the id '{anchor}'")
    return problems


HARNESS = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<pre id="results">pending</pre>
<script>
const pages = %(pages)s;
const results = {};
function check(name) {
  return new Promise(resolve => {
    const frame = document.createElement("iframe");
    frame.style.width = "%(width)dpx";
    frame.style.height = "640px";
    frame.onload = () => {
      const d = frame.contentDocument, w = frame.contentWindow;
      const maths = [...d.querySelectorAll("math")];
      results[name] = {
        scrollWidth: d.documentElement.scrollWidth,
        clientWidth: d.documentElement.clientWidth,
        math: maths.length,
        mathNotRendered: maths.filter(m => !(m instanceof w.MathMLElement)
          || !w.getComputedStyle(m).display.includes("math")
          || m.getBoundingClientRect().width === 0).map(m => m.getAttribute("alttext")),
        leftoverTeX: (d.body.innerText.match(/\\$\\$|\\\\(frac|partial|tanh|sum|sigma|mathbf)\\b/g) || []).slice(0, 3),
        brokenImages: [...d.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src),
        svgs: d.querySelectorAll("svg").length,
        stylesheetLoaded: [...d.styleSheets].length > 0,
      };
      frame.remove();
      resolve();
    };
    frame.src = name;
    document.body.appendChild(frame);
  });
}
(async () => {
  for (const page of pages) { await check(page); }
  document.getElementById("results").textContent = JSON.stringify(results);
})();
</script></body></html>
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chromium(*args, timeout=120):
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not browser:
        sys.exit("headless Chromium is missing: install it with `sudo apt-get install chromium`")
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--hide-scrollbars", "--enable-logging=stderr", "--v=0", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def console_messages(log):
    return [line for line in log.splitlines() if ":CONSOLE" in line]


def main():
    site, shots = sys.argv[1], sys.argv[2]
    pages = sorted(p for p in os.listdir(site) if p.endswith(".html"))
    problems = static_problems(site, pages)

    # Serve a copy of the site with the harness beside it, so the harness may look
    # inside each page (same origin) and pages load as a reader's browser loads them.
    work = tempfile.mkdtemp(prefix="unrolled-browser-")
    served = os.path.join(work, "site")
    shutil.copytree(site, served)
    with open(os.path.join(served, "__harness.html"), "w", encoding="utf-8") as f:
        f.write(HARNESS % {"pages": json.dumps(pages), "width": PHONE_WIDTH})
    port = free_port()
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=served)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{port}/"

    run = chromium(f"--user-data-dir={work}/profile", "--virtual-time-budget=60000", "--dump-dom",
                   base + "__harness.html")
    start = run.stdout.find('<pre id="results">')
    end = run.stdout.find("</pre>", start)
    if start < 0 or "pending" in run.stdout[start:end]:
        problems.append("the harness did not finish: " + run.stderr[-2000:])
        results = {}
    else:
        results = json.loads(html.unescape(run.stdout[start + len('<pre id="results">'):end]))
    for message in console_messages(run.stderr):
        problems.append("console: " + message.split("]", 1)[-1].strip())
    for page in pages:
        r = results.get(page)
        if r is None:
            problems.append(f"{page}: not checked")
            continue
        if r["scrollWidth"] > r["clientWidth"]:
            problems.append(f"{page}: {r['scrollWidth']} px wide on a {r['clientWidth']} px phone screen")
        if r["mathNotRendered"]:
            problems.append(f"{page}: math not rendered as MathML: {r['mathNotRendered'][:3]}")
        if r["leftoverTeX"]:
            problems.append(f"{page}: TeX left in the text: {r['leftoverTeX']}")
        if r["brokenImages"]:
            problems.append(f"{page}: images that did not load: {r['brokenImages']}")
        if not r["stylesheetLoaded"]:
            problems.append(f"{page}: the stylesheet did not load")

    os.makedirs(shots, exist_ok=True)
    for page in pages:
        name = page[:-5]
        for kind, size, extra in (("phone", "390,1800", []), ("desktop", "1100,1800", []),
                                  ("dark", "1100,1200", ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"])):
            if kind == "dark" and page != "index.html" and not page.startswith("07"):
                continue
            shot = os.path.join(shots, f"{name}-{kind}.png")
            r = chromium(f"--user-data-dir={work}/profile", f"--window-size={size}", *extra,
                         f"--screenshot={os.path.abspath(shot)}", base + page)
            if not os.path.exists(shot):
                problems.append(f"{page}: no {kind} screenshot: {r.stderr[-500:]}")
            for message in console_messages(r.stderr):
                problems.append(f"{page} ({kind}): console: " + message.split("]", 1)[-1].strip())

    server.shutdown()
    shutil.rmtree(work, ignore_errors=True)
    maths = sum(r.get("math", 0) for r in results.values())
    svgs = sum(r.get("svgs", 0) for r in results.values())
    widest = max((r["scrollWidth"] for r in results.values()), default=0)
    print(f"{len(pages)} pages: {maths} formulas rendered as MathML, {svgs} SVG displays, "
          f"widest page {widest} px at a {PHONE_WIDTH} px screen; screenshots in {shots}/")
    if problems:
        print("\n".join("problem: " + p for p in problems))
        sys.exit(1)
    print("browser check passed")


if __name__ == "__main__":
    main()
