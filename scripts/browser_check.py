#!/usr/bin/env python3
"""Opens every page of the rendered site in headless Chromium and fails on what a
reader would notice:

- a console message or error (a canary error is injected first: if the check does not
  see it, the whole check fails, so a change in Chromium cannot silence it);
- a broken internal link or anchor, an image that did not load, a missing stylesheet;
- math not rendered as MathML, or TeX left raw in the visible text outside code;
- a page wider than a 360 px phone screen, or content clipped inside a box that cannot
  scroll (overflow hidden or clip);
- text whose contrast against its background is under 4.5:1, in the light and the dark
  colour scheme (SVG text by its fill, against the shapes drawn under it);
- a chart (inline SVG) with nothing drawn but its axes, chart text smaller than 11 px
  at phone width, or chart text running past its chart's edge (where it is cut off);
- math laid out wrong: a subscript not below its base, a superscript not above it, a
  stretchy bracket or norm shorter than what it encloses, a radical not over all of
  its radicand, an under- or overbrace narrower than its base, the `=` signs of an aligned block not in one column;
- an error block, except the expected error of a `swift fails` cell;
- a blank screenshot (one colour);
- on a Chinese page (`lang="zh-…"`), Chinese text that Chromium did not draw in a CJK
  font (Noto Serif/Sans CJK or Source Han), as DevTools reports the fonts it used.

It drives Chromium through the DevTools protocol over a pipe (no Python packages), and
saves full-length screenshots of every page in light and dark, at phone (360 px) and
desktop width, and as printed (print media emulated, 800 px wide).

Pages in the site's edition folders (zh/) are checked as the others are.

Usage: scripts/browser_check.py SITE_DIR SCREENSHOT_DIR [PAGE.html ...]
       scripts/browser_check.py --self-test SITE_DIR
With page names it checks only those pages (links are still checked across the site).
--self-test breaks copies of pages in a temporary folder, one defect each, and fails
unless the check catches every defect and passes the unbroken pages.
"""
import base64
import fcntl
import functools
import html.parser
import http.server
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

PHONE_WIDTH = 360
DESKTOP_WIDTH = 1100
PRINT_WIDTH = 800  # an A4 page's printable width at 96 px per inch, roughly
MIN_CONTRAST = 4.5
CANARY = "unrolled-canary"

# Contrast offenders that are known and tracked elsewhere: (colour scheme, pattern the
# offender's selector must match in full, why). Anything not listed fails the check.
# An entry that matches nothing is reported, so it is removed once the issue is fixed.
KNOWN_CONTRAST = []
MIN_CHART_TEXT = 11  # CSS px, at a 360 px phone


# ---------------------------------------------------------------------------- links


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


def link_problems(site, pages):
    """Problems per page: internal links and sources that point nowhere. Pages are named
    by their path in the site (`zh/01-….html`); a link is resolved from its page's folder."""
    parsed = {}
    for page in pages:
        p = Links()
        with open(os.path.join(site, page), encoding="utf-8") as f:
            p.feed(f.read())
        parsed[page] = p
    problems = {page: [] for page in pages}
    for page, p in parsed.items():
        for tag, target in p.targets:
            path, _, anchor = target.partition("#")
            path = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
            if not os.path.exists(os.path.join(site, path)):
                problems[page].append(f"<{tag}> points to {target}, which does not exist")
            elif anchor and path.endswith(".html"):
                ids = parsed[path].ids if path in parsed else set()
                if anchor not in ids:
                    problems[page].append(f"link to {target}: no element has the id '{anchor}'")
    return problems


# ------------------------------------------------------------------ DevTools protocol


class Browser:
    """Headless Chromium driven through the DevTools protocol on a pipe (fds 3 and 4)."""

    def __init__(self, profile, listen=True):
        path = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if not path:
            sys.exit("headless Chromium is missing: install it with `scripts/install-dependencies --browser`")
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        # Move the child's ends above 10 so that placing them on 3 and 4 cannot clobber one.
        child_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
        child_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
        for fd in (to_browser_r, from_browser_w):
            os.close(fd)

        def place_pipes():
            os.dup2(child_r, 3)
            os.dup2(child_w, 4)

        self.process = subprocess.Popen(
            [path, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
             "--remote-debugging-pipe", f"--user-data-dir={profile}", "--font-render-hinting=none",
             "about:blank"],
            preexec_fn=place_pipes, pass_fds=(3, 4), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(child_r)
        os.close(child_w)
        self.writer = os.fdopen(to_browser_w, "wb", buffering=0)
        self.reader = os.fdopen(from_browser_r, "rb", buffering=0)
        self.next_id = 0
        self.replies, self.events = {}, []
        self.lock = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log") if listen else ("Page",):
            self.page(f"{domain}.enable")

    def _read(self):
        buffer = b""
        while True:
            chunk = self.reader.read(1 << 20)
            if not chunk:
                with self.lock:
                    self.replies[None] = "Chromium closed the DevTools pipe"
                    self.lock.notify_all()
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            with self.lock:
                for raw in messages:
                    message = json.loads(raw)
                    if "id" in message:
                        self.replies[message["id"]] = message
                    else:
                        self.events.append(message)
                self.lock.notify_all()

    def call(self, method, session=None, timeout=120, **params):
        """Sends a command and waits for its reply; raises on a protocol error."""
        with self.lock:
            self.next_id += 1
            ident = self.next_id
        message = {"id": ident, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self.writer.write(json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self.lock:
            while ident not in self.replies:
                if None in self.replies:
                    raise RuntimeError(self.replies[None])
                if not self.lock.wait(deadline - time.monotonic()):
                    raise RuntimeError(f"{method}: no reply from Chromium in {timeout} s")
            reply = self.replies.pop(ident)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def page(self, method, **params):
        return self.call(method, session=self.session, **params)

    def take_events(self):
        with self.lock:
            events, self.events = self.events, []
        return events

    def wait_for_event(self, method, timeout=60):
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                if any(e.get("method") == method for e in self.events):
                    return
                if not self.lock.wait(max(0.0, deadline - time.monotonic())):
                    raise RuntimeError(f"{method} did not come in {timeout} s")

    def evaluate(self, expression):
        reply = self.page("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            raise RuntimeError(details.get("exception", {}).get("description") or details.get("text"))
        return reply["result"].get("value")

    def open(self, url, width):
        """Loads `url` in a window `width` px wide and waits for its load event and fonts."""
        self.size(width)
        # Forget the last page's lifecycle events, but keep anything it said late: it is
        # reported with the next page (its address is in the message) rather than lost.
        with self.lock:
            self.events = [e for e in self.events if not e.get("method", "").startswith("Page.")]
        self.page("Page.navigate", url=url)
        self.wait_for_event("Page.loadEventFired")
        self.evaluate("document.fonts.ready.then(() => true)")

    def fonts_of(self, selector):
        """The fonts Chromium drew the text of each element matching `selector` with:
        a list of (element's text, [(family, glyphs)])."""
        self.page("DOM.enable")
        self.page("CSS.enable")
        try:
            root = self.page("DOM.getDocument", depth=1)["root"]["nodeId"]
            found = []
            for node in self.page("DOM.querySelectorAll", nodeId=root, selector=selector)["nodeIds"]:
                fonts = self.page("CSS.getPlatformFontsForNode", nodeId=node)["fonts"]
                text = self.page("DOM.getOuterHTML", nodeId=node)["outerHTML"]
                found.append((re.sub(r"<[^>]*>", "", text)[:30], [(f["familyName"], f["glyphCount"]) for f in fonts]))
            return found
        finally:
            self.page("CSS.disable")
            self.page("DOM.disable")

    def size(self, width, height=800):
        self.page("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=False)

    def emulate(self, scheme="light", media=""):
        self.page("Emulation.setEmulatedMedia", media=media,
                  features=[{"name": "prefers-color-scheme", "value": scheme}])

    def screenshot(self, path, width):
        """A PNG of the whole page, top to bottom, `width` px wide."""
        self.size(width)
        height = self.page("Page.getLayoutMetrics")["cssContentSize"]["height"]
        data = self.page("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": width, "height": max(1, int(height + 0.5)), "scale": 1})
        png = base64.b64decode(data["data"])
        with open(path, "wb") as f:
            f.write(png)
        return png

    def console(self, events):
        """What the page said on the console, or threw, or what Chromium logged against it."""
        said = []
        for e in events:
            method, p = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled":
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
                said.append(f"console.{p.get('type')}: {text}")
            elif method == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                said.append("uncaught: " + (d.get("exception", {}).get("description") or d.get("text", "")))
            elif method == "Log.entryAdded":
                entry = p.get("entry", {})
                if entry.get("level") in ("warning", "error"):
                    said.append(f"{entry.get('source')} {entry.get('level')}: {entry.get('text')} {entry.get('url', '')}".strip())
        return said

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except RuntimeError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


# ------------------------------------------------------------------- in-page checks

# One function evaluated in the page; returns what it found as JSON-able values.
PAGE_CHECKS = r"""
(what) => {
  const d = document, w = window;
  const result = {};
  const selector = el => {
    const parts = [];
    for (let e = el; e && e !== d.body && parts.length < 3; e = e.parentElement) {
      if (e.id) { parts.unshift("#" + e.id); break; }
      const classes = [...e.classList].slice(0, 2).map(c => "." + c).join("");
      parts.unshift(e.localName + classes);
    }
    return parts.join(" > ");
  };
  const rendered = node => {
    const range = d.createRange();
    range.selectNodeContents(node);
    return [...range.getClientRects()].some(r => r.width > 0 && r.height > 0);
  };
  const textNodes = skip => {
    const found = [];
    const walker = d.createTreeWalker(d.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.trim() || n.parentElement.closest(skip)) continue;
      const style = w.getComputedStyle(n.parentElement);
      if (style.visibility !== "visible" || !rendered(n)) continue;
      found.push(n);
    }
    return found;
  };
  // Solutions start folded; unfold them so what they hold is checked too.
  const folded = [...d.querySelectorAll("details:not([open])")];
  folded.forEach(e => e.open = true);

  if (what.includes("page")) {
    const root = d.documentElement;
    result.lang = root.lang;
    // Elements whose own text is Chinese, of each kind a page has, for the font check.
    result.cjkProbes = 0;
    const kinds = new Set();
    for (const n of textNodes("script, style, title, desc, math")) {
      const el = n.parentElement;
      if (!/[\u4e00-\u9fff]/.test(n.data) || kinds.has(el.localName) || result.cjkProbes >= 8) continue;
      kinds.add(el.localName);
      el.setAttribute("data-cjk-probe", "");
      result.cjkProbes++;
    }
    result.scrollWidth = root.scrollWidth;
    result.clientWidth = root.clientWidth;
    const maths = [...d.querySelectorAll("math")];
    result.math = maths.length;
    result.mathNotRendered = maths.filter(m => !(m instanceof w.MathMLElement)
      || !w.getComputedStyle(m).display.includes("math")
      || m.getBoundingClientRect().width === 0).map(m => m.getAttribute("alttext")).slice(0, 3);
    const tex = /\$\$|\$[^$\n]{0,60}[\\_^{}][^$\n]{0,60}\$|\\[A-Za-z]{2,}|[A-Za-z0-9]\s?[_^]\{/g;
    result.rawTeX = [];
    for (const n of textNodes("pre, code, math, script, style, textarea, title, desc")) {
      for (const m of n.data.matchAll(tex)) {
        if (result.rawTeX.length < 3) result.rawTeX.push(`${selector(n.parentElement)}: ${m[0]}`);
      }
    }
    result.brokenImages = [...d.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src);
    result.stylesheetLoaded = [...d.styleSheets].some(s => s.cssRules.length > 0);
    // Error blocks: a `swift fails` cell shows its expected error, unless the cell did not fail.
    result.errors = [...d.querySelectorAll("pre.error, [role=alert], .badge")]
      .filter(e => !(e.closest(".cell.fails") && !/marked `fails`/.test(e.textContent)))
      .map(e => `${selector(e)}: ${e.textContent.trim().split("\n")[0].slice(0, 100)}`);
    // Charts: marks other than axes, grid and frame (drawn in currentColor) and legend
    // swatches (a line followed by its series' name).
    result.charts = 0;
    result.emptyCharts = [];
    for (const svg of d.querySelectorAll("body svg")) {
      result.charts++;
      const marks = [...svg.querySelectorAll("path, line, polyline, polygon, rect, circle, ellipse")].filter(s => {
        if (s.localName === "line" && s.nextElementSibling && s.nextElementSibling.localName === "text") return false;
        const style = w.getComputedStyle(s);
        const paints = (s.localName === "line" ? [style.stroke] : [style.fill, style.stroke]).filter(p => p !== "none" && p !== style.color
          && !/rgba\([^)]*,\s*0\)/.test(p));
        if (!paints.length || style.visibility !== "visible" || style.display === "none") return false;
        const box = s.getBBox();
        const area = ["rect", "circle", "ellipse", "polygon"].includes(s.localName);
        return area ? box.width > 0 && box.height > 0 : box.width > 0 || box.height > 0;
      });
      if (!marks.length) {
        const title = svg.querySelector("title");
        result.emptyCharts.push(`${selector(svg)}${title ? " '" + title.textContent + "'" : ""}`);
      }
    }
  }

  if (what.includes("math")) {
    // Measured in the layout, not read from the markup: boxes as Chromium placed them.
    result.mathLayout = [];
    const say = (el, problem) => {
      const m = el.closest("math");
      if (result.mathLayout.length < 6) result.mathLayout.push(`${(m.getAttribute("alttext") || "").slice(0, 60)}: ${problem}`);
    };
    const box = e => e.getBoundingClientRect();
    const shown = e => { const b = box(e); return b.width > 0 && b.height > 0; };
    for (const m of d.querySelectorAll("msub, msup, msubsup")) {
      const [base, first, second] = m.children;
      if (!base || !first || !shown(base) || !shown(first)) continue;
      const b = box(base), mid = e => (box(e).top + box(e).bottom) / 2;
      const sub = m.localName === "msup" ? null : first;
      const sup = m.localName === "msub" ? null : (m.localName === "msup" ? first : second);
      if (sub && !(box(sub).bottom > b.bottom && mid(sub) > (b.top + b.bottom) / 2)) say(m, "a subscript does not sit below its base");
      if (sup && shown(sup) && !(box(sup).top < b.top && mid(sup) < (b.top + b.bottom) / 2)) say(m, "a superscript does not sit above its base");
    }
    for (const mo of d.querySelectorAll('mo[stretchy="true"][fence="true"]')) {
      const others = [...mo.parentElement.children].filter(e => e.localName !== "mo" && shown(e));
      if (!others.length || !shown(mo)) continue;
      const content = Math.max(...others.map(e => box(e).height));
      if (box(mo).height < content - 2) say(mo, `a stretchy ${mo.textContent} is ${Math.round(box(mo).height)} px high around ${Math.round(content)} px of content`);
    }
    // A radical: its sign adds width at the left and a bar above the whole radicand.
    for (const m of d.querySelectorAll("msqrt")) {
      const parts = [...m.children].filter(shown);
      if (!parts.length || !shown(m)) continue;
      const size = parseFloat(w.getComputedStyle(m).fontSize);
      const left = Math.min(...parts.map(e => box(e).left)), right = Math.max(...parts.map(e => box(e).right));
      const top = Math.min(...parts.map(e => box(e).top));
      if (box(m).width < right - left + 0.3 * size || box(m).top > top - 0.05 * size || box(m).left > left - 0.3 * size) {
        say(m, `a radical does not reach over its ${Math.round(right - left)} px radicand`);
      }
    }
    for (const m of d.querySelectorAll("munder, mover")) {
      const [base, mark] = m.children;
      if (!mark || mark.localName !== "mo" || mark.getAttribute("stretchy") !== "true" || !shown(base)) continue;
      // A brace the stylesheet draws as its base's border (Chromium stretches no operator
      // under a base): the border must be there.
      const kind = base.getAttribute("class") || "";
      if (!shown(mark) && /^(under|over)brace$/.test(kind)) {
        const side = kind === "underbrace" ? "borderBottomWidth" : "borderTopWidth";
        if (!(parseFloat(w.getComputedStyle(base)[side]) > 0)) say(m, `an ${kind} is not drawn`);
        continue;
      }
      if (box(mark).width < box(base).width - 2) say(m, `a stretchy ${mark.textContent} is ${Math.round(box(mark).width)} px wide under ${Math.round(box(base).width)} px`);
    }
    for (const table of d.querySelectorAll("mtable.aligned")) {
      const xs = [];
      for (const row of table.children) {
        const cells = [...row.children].filter(shown).map(box);
        if (cells.length > 1 && Math.max(...cells.map(c => c.top)) >= Math.min(...cells.map(c => c.bottom))) {
          say(table, "the cells of a row of an aligned block are not side by side");
        }
        let first = row.children[1] && row.children[1].firstElementChild;
        if (first && first.localName === "mrow") first = first.firstElementChild;
        if (first && first.localName === "mo" && shown(first)) xs.push(box(first).left);
      }
      if (xs.length > 1 && Math.max(...xs) - Math.min(...xs) > 1.5) say(table, `the relations of an aligned block start at x = ${xs.map(Math.round).join(", ")}`);
    }
    // Chart text, at the size the chart is drawn (its view box scaled to the page).
    result.smallChartText = [];
    result.cutChartText = [];
    for (const t of d.querySelectorAll("figure.display svg text")) {
      if (!shown(t)) continue;
      const ctm = t.getScreenCTM();
      const size = parseFloat(w.getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
      if (size < what.minChartText && result.smallChartText.length < 3) result.smallChartText.push(`'${t.textContent.slice(0, 30)}' ${size.toFixed(1)} px`);
      // Text outside its chart's box is cut off: an SVG clips to its view box.
      const inner = t.getBoundingClientRect(), outer = t.ownerSVGElement.getBoundingClientRect();
      if ((inner.left < outer.left - 1 || inner.right > outer.right + 1 || inner.top < outer.top - 1 ||
           inner.bottom > outer.bottom + 1) && result.cutChartText.length < 3)
        result.cutChartText.push(`'${t.textContent.slice(0, 30)}'`);
    }
  }

  if (what.includes("clipping")) {
    result.clipped = [];
    for (const el of d.body.querySelectorAll("*")) {
      const style = w.getComputedStyle(el);
      const hides = v => v === "hidden" || v === "clip";
      const x = hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
      // Vertically, MathML's boxes stick out of an equation's line by 2-3 px with no ink
      // cut (compared in screenshots), so only more than 4 px counts.
      const y = hides(style.overflowY) && el.scrollHeight > el.clientHeight + 4;
      if ((x || y) && result.clipped.length < 5) {
        result.clipped.push(x ? `${selector(el)}: ${el.scrollWidth} px of content in ${el.clientWidth} px, overflow-x ${style.overflowX}`
                              : `${selector(el)}: ${el.scrollHeight} px of content in ${el.clientHeight} px high, overflow-y ${style.overflowY}`);
      }
    }
  }

  if (what.includes("contrast")) {
    const parse = c => {
      const m = /^rgba?\(([^)]+)\)$/.exec(c);
      if (!m) return null;
      const v = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
      return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
    };
    const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
    const luminance = c => {
      const [r, g, b] = c.slice(0, 3).map(v => v / 255).map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a, b) => {
      const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (l1 + 0.05) / (l2 + 0.05);
    };
    // The colour behind an element: its own and its ancestors' backgrounds, stacked.
    const background = el => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(w.getComputedStyle(e).backgroundColor);
        if (c && c[3] > 0) layers.push(c);
        if (c && c[3] >= 1) break;
      }
      return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
    };
    const opacity = el => {
      let o = 1;
      for (let e = el; e; e = e.parentElement) o *= Number(w.getComputedStyle(e).opacity);
      return o;
    };
    const hex = c => "#" + c.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, "0")).join("");
    const checked = new Set();
    result.lowContrast = [];
    result.textsChecked = 0;
    for (const n of textNodes("script, style, title, desc")) {
      const el = n.parentElement;
      if (checked.has(el)) continue;
      checked.add(el);
      const style = w.getComputedStyle(el);
      const svg = el instanceof w.SVGElement ? el.closest("svg") : null;
      let fg, bg;
      if (svg) {
        // SVG text is painted with its fill, over the page and whatever shapes lie under it.
        fg = parse(style.fill);
        if (!fg) continue;
        fg[3] *= Number(style.fillOpacity);
        bg = background(svg);
        const box = el.getBoundingClientRect();
        const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
        for (const shape of svg.querySelectorAll("rect, circle, ellipse, polygon, path")) {
          if (!(shape.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
          const s = w.getComputedStyle(shape), fill = parse(s.fill);
          if (!fill || s.visibility !== "visible") continue;
          const r = shape.getBoundingClientRect();
          if (cx < r.left || cx > r.right || cy < r.top || cy > r.bottom) continue;
          fill[3] *= Number(s.fillOpacity) * opacity(shape);
          bg = over(fill, bg);
        }
      } else {
        fg = parse(style.color);
        if (!fg) continue;
        bg = background(el);
      }
      fg[3] *= opacity(el);
      const shown = over(fg, bg);
      const r = ratio(shown, bg);
      result.textsChecked++;
      if (r < what.minContrast) {
        result.lowContrast.push({ selector: selector(el), text: n.data.trim().slice(0, 40),
          ratio: Math.round(r * 100) / 100, colour: hex(shown), background: hex(bg) });
      }
    }
  }
  folded.forEach(e => e.open = false);
  return result;
}
"""


def run_checks(browser, what):
    spec = json.dumps(what)
    return browser.evaluate(f"({PAGE_CHECKS})(Object.assign({spec}, "
                            f"{{minContrast: {MIN_CONTRAST}, minChartText: {MIN_CHART_TEXT}}}))")


# ------------------------------------------------------------------- screenshots


def scanlines(chunks, size):
    """The inflated IDAT data, `size` bytes at a time, inflating no more than needed."""
    inflate, buffer, pos = zlib.decompressobj(), bytearray(), 0
    for chunk in chunks:
        while chunk:
            buffer += inflate.decompress(chunk, 1 << 16)
            chunk = inflate.unconsumed_tail
            while len(buffer) - pos >= size:
                yield bytes(buffer[pos:pos + size])
                pos += size
            del buffer[:pos]
            pos = 0


def colours_at_least(png, wanted):
    """Whether the PNG shows at least `wanted` distinct colours. Decodes rows with zlib
    and stops as soon as enough colours are seen, so a varied page costs a few rows."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        return False
    pos, header, data = 8, None, []
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            data.append(body)
        pos += 12 + length
    width, height, depth, colour_type, _, _, interlace = header
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour_type]
    if depth != 8 or interlace:
        raise ValueError(f"unexpected PNG: depth {depth}, interlace {interlace}")
    stride, bpp = width * channels, channels
    previous, seen = bytearray(stride), set()
    for line in scanlines(data, stride + 1):
        kind, row = line[0], bytearray(line[1:])
        if kind == 1:
            for i in range(bpp, stride):
                row[i] = (row[i] + row[i - bpp]) & 255
        elif kind == 2:
            for i in range(stride):
                row[i] = (row[i] + previous[i]) & 255
        elif kind == 3:
            for i in range(stride):
                row[i] = (row[i] + ((row[i - bpp] if i >= bpp else 0) + previous[i]) // 2) & 255
        elif kind == 4:
            for i in range(stride):
                a = row[i - bpp] if i >= bpp else 0
                b, c = previous[i], (previous[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        seen.update(bytes(row[i:i + bpp]) for i in range(0, stride, bpp))
        if len(seen) >= wanted:
            return True
        previous = row
    return False


# --------------------------------------------------------------------------- serving


def serve(folder):
    """Serves `folder` on a free local port; returns the server and its address."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Quiet, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}/"


CANARY_PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>canary</title>
<link rel="icon" href="data:,"></head>
<body><p>canary</p><img src="__canary-missing.png" alt="">
<script>console.error("{CANARY}")</script></body></html>
"""


def known_contrast(scheme, offender):
    for known_scheme, pattern, why in KNOWN_CONTRAST:
        if known_scheme == scheme and re.fullmatch(pattern, offender["selector"]):
            return why
    return None


def describe(scheme, o):
    return (f"{scheme}: {o['selector']} '{o['text']}' {o['colour']} on {o['background']}: "
            f"contrast {o['ratio']}:1, under {MIN_CONTRAST}:1")


CJK_FONT = re.compile(r"(Noto (Serif|Sans)( Mono)? CJK|Source Han)", re.I)


def cjk_font_problems(probes):
    """Of (text, [(font family, glyphs drawn)]) for elements holding Chinese text, those
    whose text no CJK font drew (the CJK font is missing, or a wrong one was chosen)."""
    problems = []
    for text, fonts in probes:
        if not any(CJK_FONT.search(family) and glyphs > 0 for family, glyphs in fonts):
            problems.append(f"Chinese text not set in a CJK font: '{text}' in {[f for f, _ in fonts] or 'no font'}")
    return problems


def check_page(browser, base, page, shots):
    """Every check of one page; returns its problems, what it counted, and allowed offenders."""
    problems, known = [], []
    name = page[:-5].replace("/", "-")
    url = base + page
    browser.emulate("light")
    browser.open(url, PHONE_WIDTH)
    r = run_checks(browser, ["page", "clipping", "contrast", "math"])
    if r["scrollWidth"] > r["clientWidth"]:
        problems.append(f"{r['scrollWidth']} px wide on a {r['clientWidth']} px phone screen")
    if r["mathNotRendered"]:
        problems.append(f"math not rendered as MathML: {r['mathNotRendered']}")
    for tex in r["rawTeX"]:
        problems.append(f"TeX left raw in the text: {tex}")
    if r["brokenImages"]:
        problems.append(f"images that did not load: {r['brokenImages']}")
    if not r["stylesheetLoaded"]:
        problems.append("the stylesheet did not load")
    for error in r["errors"][:3]:
        problems.append(f"error shown on the page: {error}")
    for chart in r["emptyCharts"]:
        problems.append(f"chart with nothing drawn but its axes: {chart}")
    for wrong in r["mathLayout"]:
        problems.append(f"math layout: {wrong}")
    for small in r["smallChartText"]:
        problems.append(f"chart text under {MIN_CHART_TEXT} px on a phone: {small}")
    for cut in r.get("cutChartText", []):
        problems.append(f"chart text cut off at its chart's edge: {cut}")
    if r["lang"].startswith("zh"):
        # Chinese text, in a CJK font: asked of Chromium for the elements marked above.
        if not r["cjkProbes"]:
            problems.append(f"a {r['lang']} page with no Chinese text")
        problems += cjk_font_problems(browser.fonts_of("[data-cjk-probe]"))
    clipped = {f"phone: {c}" for c in r["clipped"]}
    contrast = {"light": r["lowContrast"]}
    counts = {"texts": r["textsChecked"], "math": r["math"], "charts": r["charts"]}

    shots_taken = []
    shots_taken.append(("phone-light", browser.screenshot(os.path.join(shots, f"{name}-phone-light.png"), PHONE_WIDTH)))
    browser.emulate("dark")
    contrast["dark"] = run_checks(browser, ["contrast"])["lowContrast"]
    shots_taken.append(("phone-dark", browser.screenshot(os.path.join(shots, f"{name}-phone-dark.png"), PHONE_WIDTH)))
    browser.size(DESKTOP_WIDTH)
    clipped |= {f"desktop: {c}" for c in run_checks(browser, ["clipping"])["clipped"]}
    shots_taken.append(("desktop-dark", browser.screenshot(os.path.join(shots, f"{name}-desktop-dark.png"), DESKTOP_WIDTH)))
    browser.emulate("light")
    shots_taken.append(("desktop-light", browser.screenshot(os.path.join(shots, f"{name}-desktop-light.png"), DESKTOP_WIDTH)))
    browser.emulate("light", media="print")
    browser.size(PRINT_WIDTH)
    printed = run_checks(browser, ["contrast", "math", "clipping"])
    clipped |= {f"print: {c}" for c in printed["clipped"]}
    contrast["print"] = printed["lowContrast"]
    for wrong in printed["mathLayout"]:
        problems.append(f"print: math layout: {wrong}")
    shots_taken.append(("print", browser.screenshot(os.path.join(shots, f"{name}-print.png"), PRINT_WIDTH)))

    for c in sorted(clipped):
        problems.append(f"content clipped, cannot scroll: {c}")
    for scheme in ("light", "dark", "print"):
        allowed = "light" if scheme == "print" else scheme  # print is set in the light scheme
        new = [o for o in contrast[scheme] if not known_contrast(allowed, o)]
        known += [(scheme, o) for o in contrast[scheme] if known_contrast(allowed, o)]
        for o in new[:3]:
            problems.append("low contrast in " + describe(scheme, o))
        if len(new) > 3:
            problems.append(f"low contrast in {scheme}: {len(new) - 3} more")
    for kind, png in shots_taken:
        if not colours_at_least(png, 2):
            problems.append(f"the {kind} screenshot is blank (one colour)")
    for message in browser.console(browser.take_events()):
        problems.append(f"console: {message}")
    return problems, counts, known, len(shots_taken)


def check_site(site, shots, only=(), deaf=False):
    """Checks the pages of `site` (all, or `only`); prints one line per page and a summary.
    Returns the problems found, by page ("console canary" for the canary's).
    `deaf` stops listening to the console, as a change in Chromium might (self-test)."""
    started = time.monotonic()
    pages = sorted(p for p in os.listdir(site) if p.endswith(".html"))
    for folder in ("zh",):  # the editions' folders
        if os.path.isdir(os.path.join(site, folder)):
            pages += sorted(f"{folder}/{p}" for p in os.listdir(os.path.join(site, folder)) if p.endswith(".html"))
    links = link_problems(site, pages)
    if only:
        pages = [p for p in pages if p in only]
    work = tempfile.mkdtemp(prefix="unrolled-browser-")
    served = os.path.join(work, "site")
    shutil.copytree(site, served)
    with open(os.path.join(served, "__canary.html"), "w", encoding="utf-8") as f:
        f.write(CANARY_PAGE)
    os.makedirs(shots, exist_ok=True)
    browser = Browser(os.path.join(work, "profile"), listen=not deaf)
    server, base = serve(served)
    found, known_all, counts_all, screenshots = {}, [], {"texts": 0, "math": 0, "charts": 0}, 0
    try:
        # The canary: a page that logs one error and misses one image. The console check
        # must hear both, or it is deaf and every page below would pass unheard.
        browser.open(base + "__canary.html", PHONE_WIDTH)
        heard = browser.console(browser.take_events())
        missing = [what for what, seen in (
            (f"console.error('{CANARY}')", any(CANARY in m for m in heard)),
            ("the 404 of __canary-missing.png", any("__canary-missing.png" in m for m in heard))) if not seen]
        if missing:
            found["console canary"] = [f"the console check did not see {' or '.join(missing)}, so it cannot "
                                       f"be trusted (it heard {heard or 'nothing'})"]
            print(f"FAIL console canary: {found['console canary'][0]}")
        for page in pages:
            try:
                problems, counts, known, n = check_page(browser, base, page, shots)
            except RuntimeError as e:
                problems, counts, known, n = [f"could not be checked: {e}"], {}, [], 0
            problems = links[page] + problems
            known_all += [(page, *k) for k in known]
            screenshots += n
            for k, v in counts.items():
                counts_all[k] += v
            note = f"; {len(known)} known contrast offenders" if known else ""
            print(f"{'FAIL' if problems else 'ok  '} {page}: {counts.get('texts', 0)} texts, "
                  f"{counts.get('math', 0)} formulas, {counts.get('charts', 0)} charts, {n} screenshots{note}")
            for p in problems:
                print(f"     {p}")
            if problems:
                found[page] = problems
    finally:
        browser.close()
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    for scheme, pattern, why in KNOWN_CONTRAST:
        used = [k for k in known_all if k[1] == scheme and re.fullmatch(pattern, k[2]["selector"])]
        if used:
            first = used[0]
            print(f"allowed: {len(used)} × {why}, e.g. {first[0]}: {describe(scheme, first[2])}")
        elif not only:
            print(f"note: the allow-list entry '{why}' matched nothing: remove it from KNOWN_CONTRAST")
    failures = sum(len(p) for p in found.values())
    print(f"{len(pages)} pages, {counts_all['texts']} texts checked for contrast in light, dark and print, "
          f"{counts_all['math']} formulas, {counts_all['charts']} charts, {screenshots} screenshots in {shots}/, "
          f"{time.monotonic() - started:.0f} s: "
          + (f"{failures} problems" if failures else "browser check passed"))
    return found


# ------------------------------------------------------------------------ self-test

BROKEN_MARKUP = {
    # page name: (what to insert at the start of <main>, what the check must say)
    "broken-tex.html": ("<p>The weight $W_{hh}$ feeds \\frac{a}{b} into \\partial L.</p>", "TeX left raw"),
    "broken-clipped.html": ('<div style="width: 150px; overflow: hidden; white-space: nowrap">'
                            + "a line far too long to fit in a box one hundred and fifty pixels wide</div>",
                            "content clipped"),
    "broken-contrast-light.html": ('<p style="color: #aaaaaa">pale grey on white</p>', "low contrast in light"),
    "broken-contrast-dark.html": ('<p style="color: #333333">dark grey, unreadable on dark</p>',
                                  "low contrast in dark"),
    "broken-contrast-svg.html": ('<svg viewBox="0 0 100 20"><rect width="100" height="20" fill="#1f77b4"/>'
                                 '<text x="4" y="14" fill="#08306b">navy on blue</text></svg>',
                                 "low contrast in light"),
    "broken-math-subscript.html": ('<math><msub><mi>h</mi><mi style="transform: translateY(-0.9em)">t</mi></msub></math>',
                                   "a subscript does not sit below"),
    "broken-math-superscript.html": ('<math><msup><mi>e</mi><mi style="transform: translateY(0.9em)">x</mi></msup></math>',
                                     "a superscript does not sit above"),
    "broken-math-stretch.html": ('<math display="block"><mrow><mo fence="true" stretchy="true" maxsize="0.6em">‖</mo>'
                                 '<mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mi>c</mi></mfrac>'
                                 '<mo fence="true" stretchy="true" maxsize="0.6em">‖</mo></mrow></math>',
                                 "a stretchy ‖ is"),
    "broken-math-brace.html": ('<math display="block"><munder><mrow><mi>a</mi><mo>+</mo><mi>b</mi><mo>+</mo><mi>c</mi>'
                               '</mrow><mo stretchy="true">⏟</mo></munder></math>', "a stretchy ⏟ is"),
    "broken-math-brace-border.html": ('<math display="block"><munder><mrow class="underbrace" style="border: none"><mi>a</mi>'
                                      '</mrow><mo class="brace" stretchy="true">⏟</mo></munder></math>',
                                      "an underbrace is not drawn"),
    "broken-math-aligned.html": ('<math display="block"><mtable class="aligned"><mtr><mtd><mi>a</mi></mtd>'
                                 '<mtd style="padding-left: 2em"><mrow><mo form="infix">=</mo><mi>b</mi></mrow></mtd></mtr><mtr><mtd><mi>a</mi></mtd>'
                                 '<mtd><mrow><mo form="infix">=</mo><mi>b</mi><mo>+</mo>'
                                 '<mi>c</mi><mo>+</mo><mi>d</mi></mrow></mtd></mtr></mtable></math>',
                                 "the relations of an aligned block"),
    "broken-math-aligned-rows.html": ('<math display="block"><mtable class="aligned"><mtr><mtd style="display: block">'
                                      '<mi>a</mi></mtd><mtd style="display: block"><mrow><mo form="infix">=</mo><mi>b</mi>'
                                      '</mrow></mtd></mtr></mtable></math>', "are not side by side"),
    "broken-math-radical.html": ('<math><msqrt style="display: inline"><mi>x</mi><mo>+</mo><mi>y</mi></msqrt></math>',
                                 "a radical does not reach"),
    "broken-chart-text.html": ('<figure class="display"><svg viewBox="0 0 2000 100" fill="currentColor"><rect width="10" '
                               'height="10" fill="#1f77b4"/><text x="20" y="50" font-size="18">tiny</text></svg></figure>',
                               "chart text under"),
    "broken-chart-cut.html": ('<figure class="display"><svg viewBox="0 0 200 100" fill="currentColor"><rect width="10" '
                              'height="10" fill="#1f77b4"/><text x="100" y="30" text-anchor="middle" font-size="18">'
                              'a title far too long to fit inside this chart</text></svg></figure>',
                              "chart text cut off"),
    "broken-console.html": ('<script>console.error("a lesson page logged this")</script>', "console: console.error"),
    "broken-error.html": ('<pre class="error" role="alert">Lessons/03.md:12: error: the cell crashed</pre>',
                          "error shown on the page"),
    "broken-fails-cell-passed.html": ('<div class="cell fails"><pre class="code"><code>f()</code></pre>'
                                      '<pre class="error" role="alert">Lessons/03.md:12: error: this cell is '
                                      "marked `fails` but finished without an error</pre></div>",
                                      "error shown on the page"),
}


def synthetic_png(rows, filter_type):
    """An RGB PNG of `rows` (lists of (r, g, b)), every row stored with `filter_type`."""
    data, previous = b"", None
    for row in rows:
        raw = bytes(v for pixel in row for v in pixel)
        up = previous or bytes(len(raw))
        left = lambda i: raw[i - 3] if i >= 3 else 0  # noqa: E731
        upleft = lambda i: up[i - 3] if i >= 3 else 0  # noqa: E731

        def paeth(i):
            a, b, c = left(i), up[i], upleft(i)
            p = a + b - c
            return a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else b if abs(p - b) <= abs(p - c) else c

        predict = {0: lambda i: 0, 1: left, 2: lambda i: up[i], 3: lambda i: (left(i) + up[i]) // 2, 4: paeth}
        data += bytes([filter_type]) + bytes((raw[i] - predict[filter_type](i)) & 255 for i in range(len(raw)))
        previous = raw

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", len(rows[0]), len(rows), 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(data)) + chunk(b"IEND", b"")


def png_reader_mistakes():
    """What the PNG reader gets wrong on small images stored with each row filter."""
    grey = (200, 201, 202)
    plain = [[grey] * 7 for _ in range(5)]
    dotted = [row[:] for row in plain]
    dotted[4][6] = (10, 20, 30)
    mistakes = []
    for filter_type in range(5):
        if colours_at_least(synthetic_png(plain, filter_type), 2):
            mistakes.append(f"filter {filter_type}: sees two colours in a one-colour image")
        if not colours_at_least(synthetic_png(dotted, filter_type), 2):
            mistakes.append(f"filter {filter_type}: misses the one different pixel")
    return mistakes


def self_test(site):
    """Breaks copies of pages, one defect each, in a temporary folder; returns 1 unless the
    check catches every defect and passes the real pages and an expected `fails` error."""
    work = tempfile.mkdtemp(prefix="unrolled-self-test-")
    copy = os.path.join(work, "site")
    shutil.copytree(site, copy)
    lesson = "03-backpropagation-through-time-by-hand.html"
    with open(os.path.join(copy, lesson), encoding="utf-8") as f:
        page = f.read()
    expected = {}
    for name, (markup, says) in BROKEN_MARKUP.items():
        with open(os.path.join(copy, name), "w", encoding="utf-8") as f:
            f.write(page.replace("<main>", "<main>" + markup, 1))
        expected[name] = says
    # An empty chart: the lesson's chart with its bars (and anything else coloured) removed.
    empty = re.sub(r'<(rect|path|circle)[^>]*fill="#[0-9a-f]{6}"[^>]*/>', "", page)
    with open(os.path.join(copy, "broken-empty-chart.html"), "w", encoding="utf-8") as f:
        f.write(empty)
    expected["broken-empty-chart.html"] = "chart with nothing drawn"
    # A blank page: one colour from top to bottom.
    with open(os.path.join(copy, "broken-blank.html"), "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html><head><link rel="icon" href="data:,"><link rel="stylesheet" href="style.css">'
                '</head><body></body></html>')
    expected["broken-blank.html"] = "screenshot is blank"
    # Not a defect: a `swift fails` cell showing the error it is meant to show.
    with open(os.path.join(copy, "fine-fails-cell.html"), "w", encoding="utf-8") as f:
        f.write(page.replace("<main>", '<main><div class="cell fails"><pre class="code"><code>xs[9]</code></pre>'
                             '<pre class="error" role="alert">Fatal error: Index out of range</pre></div>', 1))
    shots = os.path.join(work, "shots")
    wrong = [f"PNG reader: {w}" for w in png_reader_mistakes()]
    # The CJK font check's judgement, on fonts as DevTools reports them.
    if not cjk_font_problems([("中文", [("DejaVu Serif", 2), ("Droid Sans Fallback", 2)])]):
        wrong.append("CJK font check: text drawn in no CJK font was not caught")
    if cjk_font_problems([("中文 a", [("Liberation Serif", 1), ("Noto Serif CJK SC", 2)])]):
        wrong.append("CJK font check: text drawn in Noto Serif CJK SC was refused")
    if not cjk_font_problems([("中文", [("Noto Serif CJK SC", 0), ("DejaVu Serif", 2)])]):
        wrong.append("CJK font check: a CJK font that drew nothing was counted")
    print("== self-test: broken copies must fail, the real page and an expected error must pass")
    # A real Chinese page, when the site has one, must pass too (its fonts asked of Chromium).
    chinese = ["zh/index.html"] if os.path.exists(os.path.join(copy, "zh", "index.html")) else []
    found = check_site(copy, shots, set(expected) | {lesson, "fine-fails-cell.html"} | set(chinese))
    for name, says in sorted(expected.items()):
        if not any(says in p for p in found.get(name, [])):
            wrong.append(f"{name}: expected '{says}', got {found.get(name, 'no problem')}")
    for name in (lesson, "fine-fails-cell.html", "console canary", *chinese):
        if name in found:
            wrong.append(f"{name}: expected no problem, got {found[name]}")
    print("== self-test: a console check that hears nothing must fail")
    found = check_site(copy, shots, {"index.html"}, deaf=True)
    if "console canary" not in found:
        wrong.append("console canary: a deaf console check was not caught")
    shutil.rmtree(work, ignore_errors=True)
    for w in wrong:
        print("self-test FAILED: " + w)
    print("self-test " + ("failed" if wrong else f"passed: {len(expected) + 1} defects caught, good pages passed"))
    return 1 if wrong else 0


def main():
    args = sys.argv[1:]
    if args[:1] == ["--self-test"] and len(args) == 2:
        sys.exit(self_test(args[1]))
    if len(args) < 2:
        sys.exit(__doc__)
    sys.exit(1 if check_site(args[0], args[1], set(args[2:])) else 0)


if __name__ == "__main__":
    main()
