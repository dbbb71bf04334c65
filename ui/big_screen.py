"""The projector's page as one self-contained HTML document (shown in an iframe).

Every text from users is escaped here (html.escape); nothing is loaded from outside. A small
script runs the countdown from the stored start time, so the server does not rerun every
second and two screens show the same second; it turns the table pages every 10 s by the
clock, and plays a short chime (WebAudio, generated, nothing downloaded) at half-time and at
the end once someone clicked "Ton an" (browsers allow sound only after a click).
"""

from __future__ import annotations

import json
from html import escape

from matching.live.screen import Screen

TABLES_PER_PAGE = 20  # 40 people: one page on 1280 x 720


def screen_html(screen: Screen, payload: dict, texts: dict[str, str], per_page: int) -> str:
    """The whole document. `texts`: first_asks, swap, change_tables, time_up, paused, ended,
    not_started, sound, fullscreen (already in the user's language)."""
    pages = [screen.rows[i : i + per_page] for i in range(0, len(screen.rows), per_page)] or [()]
    page_html = []
    for number, rows in enumerate(pages):
        cards = []
        for row in rows:
            people = "".join(
                f'<div class="person">{escape(p.label)}'
                + (
                    f' <span class="seated">· {escape(screen.seated_note)}</span>'
                    if p.seated
                    else ""
                )
                + "</div>"
                for p in row.members
            )
            link = f'<div class="link">{escape(row.link)}</div>' if row.link else ""
            cards.append(
                f'<div class="card"><div class="table">{escape(screen.table_label)} '
                f"{row.table}</div>{people}{link}</div>"
            )
        page_html.append(f'<div class="page" data-page="{number}">{"".join(cards)}</div>')
    resting = ""
    if screen.resting:
        names = ", ".join(escape(p.label) for p in screen.resting)
        resting = f'<div class="resting">{escape(screen.resting_title)}: {names}</div>'
    question = f'<div class="question">{escape(screen.question)}</div>' if screen.question else ""
    data = json.dumps({"clock": payload, "texts": texts, "pages": len(pages)})
    return _TEMPLATE.format(
        title=escape(screen.title),
        question=question,
        phase=escape(screen.phase_text),
        countdown=escape(screen.countdown),
        pages="".join(page_html),
        resting=resting,
        sound=escape(texts["sound"]),
        fullscreen=escape(texts["fullscreen"]),
        # Inside <script> entities are not decoded: JSON's own escapes keep it inert instead.
        data=data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"),
    )


_TEMPLATE = """<!doctype html>
<html><head><meta charset="utf-8">
<style>
  html, body {{ margin: 0; height: 100%; background: #0b1b2b; color: #fff;
    font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; overflow: hidden; }}
  .wrap {{ display: flex; flex-direction: column; height: 100vh; box-sizing: border-box;
    padding: 1.5vh 2vw; gap: 1vh; }}
  .top {{ display: flex; align-items: center; justify-content: space-between; gap: 2vw; }}
  .title {{ font-size: 4.2vh; font-weight: 700; }}
  .countdown {{ font-size: 11vh; font-weight: 800; font-variant-numeric: tabular-nums;
    line-height: 1; color: #ffd54a; }}
  .phase {{ font-size: 4.6vh; font-weight: 700; color: #9be7ff; }}
  .phase.swap {{ color: #ffd54a; }}
  .question {{ font-size: 4vh; line-height: 1.2; }}
  .tables {{ flex: 1; min-height: 0; position: relative; }}
  .page {{ display: none; grid-template-columns: repeat(4, 1fr); grid-auto-rows: 1fr;
    gap: 0.8vh 1vw; height: 100%; }}
  .page.on {{ display: grid; }}
  .card {{ background: #14324d; border-radius: 0.8vh; padding: 0.6vh 0.8vw; overflow: hidden; }}
  .table {{ font-size: 2.4vh; font-weight: 800; color: #ffd54a; }}
  .person {{ font-size: 2.2vh; line-height: 1.2; white-space: nowrap; overflow: hidden;
    text-overflow: ellipsis; }}
  .seated {{ color: #9be7ff; }}
  .link {{ font-size: 1.6vh; color: #9be7ff; word-break: break-all; }}
  .resting {{ font-size: 2.4vh; }}
  .bottom {{ display: flex; gap: 1vw; justify-content: flex-end; align-items: center;
    font-size: 1.8vh; }}
  button {{ font-size: 1.8vh; padding: 0.4vh 1vw; border-radius: 0.6vh; border: 0;
    background: #1f5f8b; color: #fff; cursor: pointer; }}
  .pageinfo {{ margin-right: auto; }}
</style></head>
<body><div class="wrap">
  <div class="top"><div>
      <div class="title">{title}</div>
      <div class="phase" id="phase">{phase}</div>
    </div>
    <div class="countdown" id="countdown" role="timer" aria-live="off">{countdown}</div>
  </div>
  {question}
  <div class="tables">{pages}</div>
  {resting}
  <div class="bottom"><span class="pageinfo" id="pageinfo"></span>
    <button id="sound" type="button">{sound}</button>
    <button id="full" type="button">{fullscreen}</button></div>
</div>
<script id="data" type="application/json">{data}</script>
<script>
(function () {{
  const data = JSON.parse(document.getElementById("data").textContent);
  const c = data.clock, T = data.texts;
  // Clocks of server and screen are normally in sync (NTP): the difference when this page
  // arrived is mostly the way here, not a clock error - only a large one is corrected.
  const skew = Date.now() / 1000 - c.now, offset = Math.abs(skew) > 30 ? skew : 0;
  let audio = null, last = null;
  function chime(times) {{
    if (!audio) return;
    for (let i = 0; i < times; i++) {{
      const o = audio.createOscillator(), g = audio.createGain();
      const at = audio.currentTime + i * 0.35;
      o.frequency.value = 880; g.gain.setValueAtTime(0.25, at);
      g.gain.exponentialRampToValueAtTime(0.001, at + 0.3);
      o.connect(g); g.connect(audio.destination); o.start(at); o.stop(at + 0.3);
    }}
  }}
  function mmss(s) {{
    s = Math.max(0, Math.ceil(s));
    return String(Math.floor(s / 60)).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
  }}
  function tick() {{
    const now = Date.now() / 1000 - offset;
    let left = c.round_seconds, phase = T.not_started, kind = "wait";
    if (c.status === "running" || c.status === "break") {{
      const elapsed = now - c.started_at;
      left = c.round_seconds - elapsed;
      if (elapsed < c.half_seconds) {{ phase = T.first_asks; kind = "first"; }}
      else if (left > 0) {{ phase = T.swap; kind = "swap"; }}
      else if (c.break_seconds !== null) {{
        phase = T.change_tables; kind = "change";
        left = c.round_seconds + c.break_seconds - elapsed;
      }} else {{
        phase = c.round < c.total_rounds ? T.change_tables : T.time_up; kind = "change"; left = 0;
      }}
    }} else if (c.status === "paused") {{
      left = c.round_seconds - (c.paused_elapsed || 0); phase = T.paused; kind = "paused";
    }} else if (c.status === "ended") {{ left = 0; phase = T.ended; kind = "ended"; }}
    document.getElementById("countdown").textContent = mmss(left);
    const p = document.getElementById("phase");
    p.textContent = phase; p.className = "phase " + kind;
    if (last && last !== kind) {{ if (kind === "swap") chime(1); if (kind === "change") chime(3); }}
    last = kind;
    const pages = document.querySelectorAll(".page");
    const on = Math.floor(now / 10) % pages.length;
    pages.forEach(function (el, i) {{ el.classList.toggle("on", i === on); }});
    document.getElementById("pageinfo").textContent =
      pages.length > 1 ? (on + 1) + " / " + pages.length : "";
  }}
  document.getElementById("sound").onclick = function () {{
    audio = audio || new (window.AudioContext || window.webkitAudioContext)();
    audio.resume(); chime(1);
  }};
  document.getElementById("full").onclick = function () {{
    const el = window.parent && window.parent.document ? window.parent.document.documentElement
      : document.documentElement;
    if (el.requestFullscreen) el.requestFullscreen();
  }};
  try {{
    const frame = window.frameElement;
    if (frame) {{ frame.style.height = (window.parent.innerHeight - 8) + "px"; }}
  }} catch (e) {{}}
  tick(); setInterval(tick, 250);
}})();
</script></body></html>
"""
