// backyard-lint's page: send the text to this machine's server, show the findings in place.
// Every piece of user text is put in the page as text (textContent, append), never as HTML.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const NAMES = { error: "Error", warning: "Warning", suggestion: "Suggestion", info: "Not flagged" };
  // The fixes come from the server (the project's one fix policy): the page only splices them.
  const state = { text: "", original: "", name: "", format: "plain", findings: [], rules: {}, docx: null, edits: [], selected: null };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function say(message) { $("status").textContent = message; }
  function fail(message) { $("error").textContent = message; say(""); }

  async function post(url, body, type) {
    const response = await fetch(url, { method: "POST", body, headers: { "content-type": type } });
    if (!response.ok) {
      let message = `The server answered ${response.status}.`;
      if ((response.headers.get("content-type") || "").includes("json")) {
        message = (await response.json()).error || message;
      }
      throw new Error(message);
    }
    return response;
  }

  function load(payload, name, docx) {
    state.text = payload.text;
    state.original = payload.text;
    state.name = name;
    state.format = payload.format;
    state.rules = payload.rules;
    state.docx = docx;
    state.edits = [];
    state.selected = null;
    state.findings = payload.findings.map((f, id) => ({ ...f, id, ostart: f.start, oend: f.end, done: false }));
    $("error").textContent = "";
    $("input-section").hidden = true;
    $("results").hidden = false;
    $("panel").replaceChildren(el("p", { class: "hint" }, "Choose a highlighted passage (click it, or Tab to it and press Enter) to read why it was flagged, its sources and the suggested wording."));
    render();
    const shown = state.findings.filter((f) => f.severity !== "info").length;
    say(`${shown} finding${shown === 1 ? "" : "s"}.`);
  }

  async function checkText() {
    say("Checking…");
    try {
      const response = await post("/api/check", JSON.stringify({ text: $("input").value }), "application/json");
      load(await response.json(), "", null);
    } catch (error) { fail(error.message); }
  }

  async function checkFile(file) {
    say(`Reading ${file.name}…`);
    try {
      const data = await file.arrayBuffer();
      const response = await post(`/api/file?name=${encodeURIComponent(file.name)}`, data, "application/octet-stream");
      const payload = await response.json();
      load(payload, file.name, payload.format === "docx" ? data : null);
    } catch (error) { fail(error.message); }
  }

  const visible = (f) => !f.done && (f.severity !== "info" || $("mentions").checked);
  const label = (f) => f.severity === "info" ? `not flagged, ${f.reading}: ${f.reason}` : `${f.severity}: ${f.message}`;

  function render() {
    const doc = $("doc");
    doc.replaceChildren();
    const shown = state.findings.filter(visible).sort((a, b) => a.start - b.start || b.end - a.end);
    let pos = 0;
    for (const f of shown) {
      if (f.start < pos) continue; // inside one already shown
      doc.append(state.text.slice(pos, f.start));
      const mark = el("mark", {
        class: `sev-${f.severity}${state.selected === f.id ? " selected" : ""}`,
        tabindex: "0", role: "button", "data-id": String(f.id), "data-severity": f.severity,
        "aria-label": `${state.text.slice(f.start, f.end)} (${label(f)})`, title: label(f),
      }, state.text.slice(f.start, f.end));
      mark.addEventListener("click", () => select(f, false));
      mark.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(f, true); }
      });
      doc.append(mark);
      pos = f.end;
    }
    doc.append(state.text.slice(pos));
    const live = state.findings.filter((f) => !f.done);
    const count = (sev) => live.filter((f) => f.severity === sev).length;
    const parts = ["error", "warning", "suggestion"].filter((s) => count(s)).map((s) => `${count(s)} ${s}${count(s) === 1 ? "" : "s"}`);
    const applied = state.findings.filter((f) => f.applied !== undefined).length;
    $("summary").textContent = (parts.length ? parts.join(", ") : "Nothing to change") +
      `; ${count("info")} not flagged (quotations, rejections and other readings)` +
      (applied ? `; ${applied} change${applied === 1 ? "" : "s"} applied.` : ".");
    $("apply-all").disabled = !state.findings.some((f) => !f.done && f.automatic);
    $("download-docx").disabled = !state.docx;
    $("download-docx").title = state.docx ? "" : "Open a Word document to download it fixed";
  }

  function select(f, focus) {
    state.selected = f.id;
    render();
    const rule = state.rules[f.rule] || {};
    const panel = $("panel");
    const parts = [
      el("p", { class: `badge sev-${f.severity}` }, `${NAMES[f.severity] || f.severity} · ${f.rule}`),
      el("h3", {}, `“${f.match}”`),
      f.where ? el("p", { class: "where" }, f.where) : null,
      el("p", {}, f.message),
    ];
    if (f.severity === "info") {
      parts.push(el("p", { class: "reading" }, `Not flagged: read as ${f.reading} (${f.reason}).`));
    } else if (f.replacements.length) {
      parts.push(el("h4", {}, "Suggested wording"));
      parts.push(el("ul", { class: "suggestions" }, ...f.replacements.map((r) => r.fix
        ? el("li", {}, el("span", {}, r.fix.text), " ",
          el("button", { type: "button", class: "apply", onclick: () => apply(f, r.fix) }, r.safe && f.automatic ? "Apply (safe)" : "Apply"))
        : el("li", { class: "advice" }, el("span", {}, r.text), " (advice: it does not fit the sentence as written; reword by hand)"),
      )));
      if (f.held) parts.push(el("p", { class: "held" }, `Not applied by “Apply all safe fixes”: ${f.held}.`));
    }
    if (rule.explanation) {
      parts.push(el("h4", {}, "Why"));
      for (const para of rule.explanation.split(/\n\s*\n/)) {
        const plain = para.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[*_`#>]/g, "").replace(/\s+/g, " ").trim();
        if (plain) parts.push(el("p", {}, plain));
      }
    }
    if (rule.sources && rule.sources.length) {
      parts.push(el("h4", {}, "Sources"));
      parts.push(el("ul", { class: "sources" }, ...rule.sources.map((s) => {
        const safe = /^https?:\/\//i.test(s.url);
        const title = safe ? el("a", { href: s.url, target: "_blank", rel: "noopener noreferrer" }, s.title) : s.title;
        const meta = [s.author, s.publisher, s.date].filter(Boolean).join(", ");
        return el("li", {}, title, meta ? ` (${meta})` : "", s.quote ? el("blockquote", {}, s.quote) : null);
      })));
    }
    panel.replaceChildren(...parts.filter(Boolean));
    if (focus) panel.focus();
  }

  // `fix` is an edit the server gave, in offsets of the original text: shift it as its finding moved.
  function change(f, fix) {
    const shift = f.start - f.ostart;
    const start = fix.start + shift, end = fix.end + shift;
    const delta = fix.text.length - (end - start);
    state.text = state.text.slice(0, start) + fix.text + state.text.slice(end);
    state.edits.push([fix.start, fix.end, fix.text]);
    for (const g of state.findings) {
      if (g === f) continue;
      if (g.start < end && g.end > start) g.done = true;
      else if (g.start >= end) { g.start += delta; g.end += delta; }
    }
    f.done = true;
    f.applied = fix.text;
  }

  function apply(f, fix) {
    change(f, fix);
    state.selected = null;
    render();
    $("panel").replaceChildren(el("p", { class: "applied" }, `Changed “${f.match}” to “${fix.text}”.`));
    say(`Changed “${f.match}” to “${fix.text}”.`);
  }

  const touched = (fix) => state.edits.some(([s, e]) => s < fix.end && fix.start < e);

  async function applyAll() {
    say("Applying the safe fixes…");
    try {
      const request = state.docx
        ? { name: state.name, data: base64(state.docx) }
        : { name: state.name, text: state.original };
      const response = await post("/api/fix-all", JSON.stringify(request), "application/json");
      const { fixes } = await response.json();
      let made = 0;
      for (const fix of fixes) {
        const f = state.findings[fix.finding];
        if (!f || f.done || touched(fix)) continue; // already changed by hand
        change(f, fix);
        made += 1;
      }
      render();
      say(`Applied ${made} safe fix${made === 1 ? "" : "es"}.`);
    } catch (error) { fail(error.message); }
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  const stem = () => (state.name || "text").replace(/\.[^.]*$/, "");

  function base64(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }

  async function downloadDocx() {
    if (!state.docx) return;
    say("Preparing the fixed document…");
    try {
      const body = JSON.stringify({ name: state.name, data: base64(state.docx), changes: state.edits });
      const response = await post("/api/fixed-docx", body, "application/json");
      save(await response.blob(), `${stem()}.fixed.docx`);
      say(`Downloaded ${stem()}.fixed.docx.`);
    } catch (error) { fail(error.message); }
  }

  function rows() {
    return state.findings.map((f) => ({
      where: f.where || "", start: f.ostart, end: f.oend, severity: f.severity, rule: f.rule, match: f.match,
      reading: f.reading, reason: f.reason, message: f.message,
      suggestion: f.replacements.length ? f.replacements[0].text : "", applied: f.applied || "",
    }));
  }

  function csv() {
    const cell = (v) => {
      let s = String(v);
      if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // never a formula in a spreadsheet
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const data = rows();
    const head = ["where", "start", "end", "severity", "rule", "match", "reading", "reason", "message", "suggestion", "applied"];
    const lines = [head.join(","), ...data.map((r) => head.map((k) => cell(r[k])).join(","))];
    save(new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv" }), `${stem()}-findings.csv`);
  }

  function json() {
    save(new Blob([JSON.stringify({ name: state.name, findings: rows() }, null, 2)], { type: "application/json" }), `${stem()}-findings.json`);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(state.text);
    } catch {
      const area = el("textarea", { class: "visually-hidden" });
      area.value = state.text;
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    say("The text was copied.");
  }

  function edit() {
    $("input").value = state.text;
    $("results").hidden = true;
    $("input-section").hidden = false;
    state.docx = null;
    $("input").focus();
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("check").addEventListener("click", checkText);
    $("file").addEventListener("change", (event) => { if (event.target.files[0]) checkFile(event.target.files[0]); });
    const drop = $("drop");
    drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (event) => {
      drop.classList.remove("over");
      if (event.dataTransfer.files.length) { event.preventDefault(); checkFile(event.dataTransfer.files[0]); }
    });
    $("panel").addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || state.selected === null) return;
      const mark = document.querySelector(`#doc mark[data-id="${state.selected}"]`);
      if (mark) mark.focus(); // back to the passage the explanation is about
    });
    $("mentions").addEventListener("change", render);
    $("apply-all").addEventListener("click", applyAll);
    $("copy").addEventListener("click", copy);
    $("download-docx").addEventListener("click", downloadDocx);
    $("csv").addEventListener("click", csv);
    $("json").addEventListener("click", json);
    $("edit").addEventListener("click", edit);
  });
})();
