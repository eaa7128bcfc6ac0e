/// The site's stylesheet: readable on a phone, light and dark schemes, and a print
/// layout for handouts.
public enum Stylesheet {
  /// The whole stylesheet, written to the site as `style.css`.
  public static let css = """
    @font-face { font-family: "Unrolled Math"; src: url("\(SiteAssets.mathFontName)") format("opentype");
      font-display: swap; }
    :root { --text: #1d1d1f; --muted: #5a5a60; --bg: #fdfdfb; --code-bg: #f2f1ec; --out-bg: #eef5ee;
      --out-border: #7fae7f; --err-bg: #fbeeee; --err-border: #c0504d; --link: #1f5fa8;
      --kw: #a2206e; --ty: #2a6a8f; --num: #1c5fb0; --str: #b2380e; --com: #677066; --attr: #7a5a00;
      --scroll-cue: rgba(0, 0, 0, .3); }
    @media (prefers-color-scheme: dark) {
      :root { --text: #e6e6e3; --muted: #a4a4a0; --bg: #17181a; --code-bg: #23252a; --out-bg: #1d2a1f;
        --out-border: #5c8f5c; --err-bg: #331f1f; --err-border: #d0706d; --link: #8ab8ef;
        --kw: #f08fc0; --ty: #7fc4e8; --num: #a5c8ff; --str: #f3a27f; --com: #9aa59a; --attr: #e3c36a;
        --scroll-cue: rgba(255, 255, 255, .35); }
      svg.heat-map g.cells { filter: invert(1) hue-rotate(180deg); }
    }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 46rem; padding: 1rem; color: var(--text); background: var(--bg);
      font: 17px/1.6 Georgia, "Times New Roman", serif; overflow-wrap: break-word; }
    a { color: var(--link); }
    h1, h2, h3 { font-family: system-ui, sans-serif; line-height: 1.25; }
    pre { overflow-x: auto; padding: .6rem .8rem; border-radius: 4px; font: 14px/1.45 ui-monospace, Menlo, monospace;
      white-space: pre; }
    pre.code { --box: var(--code-bg); }
    pre.output { --box: var(--out-bg); }
    /* A box that scrolls sideways shows a shadow at each edge with more beyond it: the
       covers scroll with the content, the shadows stay with the box. */
    span.equation { --box: var(--bg); }
    pre.code, pre.output, span.equation { background:
      linear-gradient(to right, var(--box) 40%, transparent) left / 1.5rem 100% no-repeat local,
      linear-gradient(to left, var(--box) 40%, transparent) right / 1.5rem 100% no-repeat local,
      radial-gradient(farthest-side at 0 50%, var(--scroll-cue), transparent) left / .7rem 100% no-repeat scroll,
      radial-gradient(farthest-side at 100% 50%, var(--scroll-cue), transparent) right / .7rem 100% no-repeat scroll,
      var(--box); }
    .kw { color: var(--kw); font-weight: 600; } .ty { color: var(--ty); } .num { color: var(--num); }
    .str { color: var(--str); } .com { color: var(--com); font-style: italic; } .attr { color: var(--attr); }
    pre.output { border-left: 4px solid var(--out-border); }
    pre.error { background: var(--err-bg); border-left: 4px solid var(--err-border); white-space: pre-wrap; }
    .cell { margin: 1rem 0; }
    .cell.fails pre.code { border-left: 4px dashed var(--err-border); }
    details.solution > summary { cursor: pointer; font-family: system-ui, sans-serif; }
    .cell.exercise pre.code { border-left: 4px solid var(--link); }
    p.exercise-label, ul.checks { font: .9rem system-ui, sans-serif; color: var(--muted); margin: .2rem 0; }
    ul.checks { list-style: none; padding-left: .8rem; }
    .answer-space { border: 1px dashed var(--muted); min-height: 12rem; margin: .5rem 0 1rem; }
    nav.pager { display: grid; grid-template-columns: 1fr auto 1fr; gap: 1rem; font-family: system-ui, sans-serif;
      font-size: .9rem; margin: 1rem 0; }
    nav.pager a[rel="prev"] { grid-column: 1; } nav.pager a[href="index.html"] { grid-column: 2; }
    nav.pager a[rel="next"] { grid-column: 3; text-align: right; }
    nav.toc { font-family: system-ui, sans-serif; font-size: .9rem; color: var(--muted); }
    table { border-collapse: collapse; display: block; overflow-x: auto; }
    th, td { border: 1px solid var(--muted); padding: .2rem .5rem; }
    .badge { font: 12px system-ui, sans-serif; color: var(--err-border); }
    ol.lessons li p { margin: .2rem 0 .8rem; color: var(--muted); }
    img, svg { max-width: 100%; height: auto; }
    figure.display { margin: .5rem 0 1rem; }
    figure.display svg { display: block; width: 100%; max-width: 34rem; margin: 0 auto; background: var(--bg);
      color: var(--text); }
    table.display-table td.number { text-align: right; font-variant-numeric: tabular-nums; }
    table.display-table caption { font-family: system-ui, sans-serif; font-size: .9rem; text-align: left; }
    span.equation { display: block; overflow-x: auto; overflow-y: hidden; max-width: 100%; padding: .2rem 0; }
    math { font-family: "Unrolled Math", math; font-size: 1.1em; }
    /* Inline math and the Chinese punctuation right after it stay on one line: a line
       never starts with ，or 。 */
    .math-punct { white-space: nowrap; }
    /* Chromium sets every cell of math flush left, so the relations that start the right
       column line up; renderers that follow text-align also set the left column flush right. */
    mtable.aligned > mtr > mtd { padding: .15em 0; text-align: left; }
    mtable.aligned > mtr > mtd:nth-child(odd) { text-align: right; }
    mtable.aligned > mtr > mtd:nth-child(2n+3) { padding-left: 2em; }
    mtable.cases > mtr > mtd { text-align: left; }
    mrow.underbrace { border: 0 solid; border-bottom-width: 1.5px; border-radius: 0 0 .5em .5em;
      padding: 0 .1em .25em; margin-bottom: .15em; }
    mrow.overbrace { border: 0 solid; border-top-width: 1.5px; border-radius: .5em .5em 0 0;
      padding: .25em .1em 0; margin-top: .15em; }
    mo.brace { display: none; }
    p.lede { font-size: 1.1rem; color: var(--muted); }
    nav.language { font: .9rem system-ui, sans-serif; text-align: right; margin: .2rem 0 -.4rem; }
    span.untranslated { font: 12px "Noto Sans CJK SC", system-ui, sans-serif; color: var(--muted); white-space: nowrap; }
    /* Chinese pages: set in a CJK font (Debian's fonts-noto-cjk, then Source Han, then what
       the system has), whose Latin letters match its Chinese and whose quotes and
       punctuation are the Chinese forms; lines break between characters but never before
       closing punctuation (strict). */
    :lang(zh) { line-break: strict; word-break: normal; }
    body:lang(zh) { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN",
      "Noto Serif SC", "Songti SC", SimSun, Georgia, serif; line-height: 1.8; }
    :lang(zh) h1, :lang(zh) h2, :lang(zh) h3, :lang(zh) nav, :lang(zh) summary, :lang(zh) p.exercise-label,
    :lang(zh) ul.checks, :lang(zh) caption { font-family: "Noto Sans CJK SC", "Source Han Sans SC",
      "Source Han Sans CN", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }
    :lang(zh) pre { font-family: ui-monospace, Menlo, "DejaVu Sans Mono", "Noto Sans Mono CJK SC",
      "Noto Sans CJK SC", "Source Han Sans SC", monospace; }
    :lang(zh) em { font-style: normal; text-emphasis: dot; text-emphasis-position: under right; }
    @media (max-width: 480px) {
      body { font-size: 16px; padding: .6rem; }
      pre { font-size: 12.5px; padding: .5rem .6rem; }
    }
    @page { margin: 16mm 14mm; }
    @media print {
      :root { --text: #000; --muted: #333; --bg: #fff; --code-bg: #f4f4f4; --out-bg: #f4f8f4; --link: #000; }
      body { max-width: none; font-size: 10.5pt; color: #000; background: #fff; padding: 0; }
      nav, nav.pager, nav.toc { display: none; }
      .cell, pre, figure, table, span.equation { break-inside: avoid; }
      h1, h2, h3 { break-after: avoid; }
      pre { white-space: pre-wrap; font-size: 8.5pt; }
      a { text-decoration: none; }
      a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 8.5pt; }
      details.solution:not([open]) { display: none; }
      details.solution > summary { list-style: none; font-weight: 600; }
      details.solution > summary::before { content: "Solution"; }
      details.solution:lang(zh) > summary::before { content: "解答"; }
      details.solution > summary { font-size: 0; }
      details.solution > summary::before { font-size: 10.5pt; }
    }

    """
}
