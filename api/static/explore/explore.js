// The structure explorer: drill down Beijing's areas with the bodies that govern each, follow reporting lines,
// and see who answers a whistle. Every expansion is one GraphQL request; the URL hash holds the view.
"use strict";

const MAX_CHILDREN = 40; // children shown per expansion; the rest behind "+N more"
const MAX_NODES = 300; // more than this on screen and the branches off the current path are collapsed
const CITY = "110000";
const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif';

const AREA = "fragment A on Area { id label name level kind code validFrom validTo provenance { kind } }";
const ORG =
  "fragment O on Organisation { id label name kind validFrom validTo provenance { kind } " +
  "reportsTo { line primary body { id } } ... on SunkTeam { sentBy { id } } }";
const EXPAND = `query Expand($code: String!, $first: Int!, $after: String) {
  area(code: $code) { ...A bodies { ...O } sunkTeams { ...O }
    children(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ...A } } } } }
${AREA} ${ORG}`;
const MORE = `query More($code: String!, $first: Int!, $after: String) {
  area(code: $code) { children(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ...A } } } } }
${AREA}`;
const SEARCH = `query Search($text: String!) { search(text: $text, first: 12) { score node { id label name
  ... on Area { code level } ... on Body { kind governs { id name } } ... on SunkTeam { kind stationedIn { id name } }
  ... on Duty { citation } } } }`;
const DETAIL = `query Detail($id: ID!) { node(id: $id) { id label name validFrom validTo
  provenance { kind source rule evidence }
  ... on Area { code level areaKind: kind }
  ... on Organisation { kind reportsTo { line primary provenance { kind rule source } body { id name } } }
  ... on Body { governs { id name } responsibilities(first: 25) { totalCount edges { node { role
      duty { id citation quote } } } } }
  ... on SunkTeam { form sentBy { id name } stationedIn { id name } }
  ... on Duty { citation quote role } } }`;
const WHISTLE = `query Whistle($w: WhistleInput!) { responders(whistle: $w) {
  place { id name } subject { subject how duties { duty { id citation } } } notes
  responders { rank tier role why notifyNow body { id name label kind }
    path { text hops { type detail source { id name label kind } target { id name label kind } } } } } }`;

const $ = (sel) => document.querySelector(sel);
const state = { open: [], sel: "", asOf: "", mode: "tree", place: "", subject: "", urgency: "ROUTINE", r: 1 };
const info = new Map(); // id -> what the API said about a node
const owner = new Map(); // id -> the area whose expansion put it on screen
const cursors = new Map(); // area id -> end cursor of the children shown so far
let whistleAnswer = null;
let busy = 0;

cytoscape.use(cytoscapeDagre);
const cy = cytoscape({
  container: $("#graph"),
  wheelSensitivity: 0.3,
  boxSelectionEnabled: false,
  style: [
    { selector: "node", style: {
      label: "data(name)", "font-family": FONT, "font-size": 13, "text-valign": "center", "text-halign": "right",
      "text-margin-x": 4, width: 14, height: 14, "background-color": "#718096", "text-wrap": "none" } },
    { selector: "node.AREA", style: { shape: "round-rectangle", width: 18, height: 18, "background-color": "#38a169" } },
    { selector: "node.AREA.district", style: { "background-color": "#2f855a", width: 22, height: 22, "font-weight": "bold" } },
    { selector: "node.AREA.city", style: { "background-color": "#22543d", width: 26, height: 26, "font-weight": "bold" } },
    { selector: "node.BODY", style: { shape: "ellipse", "background-color": "#3182ce" } },
    { selector: "node.party", style: { "background-color": "#c53030" } },
    { selector: "node.SUNK_TEAM", style: { shape: "diamond", "background-color": "#dd6b20", width: 16, height: 16 } },
    { selector: "node.DUTY", style: { shape: "rectangle", "background-color": "#a0aec0" } },
    { selector: "node.HOLDER_KIND", style: { shape: "hexagon", "background-color": "#319795" } },
    { selector: "node.more", style: { shape: "round-rectangle", "background-opacity": 0, "border-width": 1,
      "border-style": "dashed", "border-color": "#718096", color: "#2b6cb0" } },
    { selector: "node.open", style: { "border-width": 3, "border-color": "#1a202c" } },
    { selector: "node:selected", style: { "overlay-opacity": 0.15, "overlay-color": "#3182ce", "font-weight": "bold" } },
    { selector: "node.invalid", style: { display: "none" } },
    { selector: "edge", style: { width: 1.5, "curve-style": "bezier", "line-color": "#a0aec0",
      "target-arrow-shape": "none", "arrow-scale": 0.8 } },
    { selector: "edge.tree", style: { width: 1, "line-color": "#cbd5e0" } },
    { selector: "edge.report", style: { "target-arrow-shape": "triangle", width: 2 } },
    { selector: "edge.administrative", style: { "line-color": "#2b6cb0", "target-arrow-color": "#2b6cb0" } },
    { selector: "edge.professional", style: { "line-color": "#dd6b20", "target-arrow-color": "#dd6b20",
      "line-style": "dashed" } },
    { selector: "edge.party", style: { "line-color": "#c53030", "target-arrow-color": "#c53030", width: 3 } },
    { selector: "edge.SENT_BY", style: { "line-color": "#805ad5", "line-style": "dotted", "target-arrow-shape": "vee",
      "target-arrow-color": "#805ad5" } },
    { selector: "edge.hop", style: { label: "data(name)", "font-size": 10, "font-family": FONT, color: "#4a5568",
      "target-arrow-shape": "triangle", "text-rotation": "autorotate" } },
    { selector: ".dim", style: { opacity: 0.2 } },
    { selector: "node.hl", style: { "border-width": 4, "border-color": "#d69e2e", "font-weight": "bold" } },
    { selector: "edge.hl", style: { width: 5, "line-color": "#d69e2e", "target-arrow-color": "#d69e2e", opacity: 1 } },
  ],
});

// -- talking to the API ----------------------------------------------------------------------------------

async function gql(query, variables) {
  busy++;
  status("…");
  try {
    const r = await fetch("/graphql", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query, variables }) });
    const body = await r.json();
    if (body.errors) throw new Error(body.errors.map((e) => e.message).join("; "));
    status("");
    return body.data;
  } catch (err) {
    status(String(err.message || err), true);
    throw err;
  } finally {
    busy--;
  }
}

function status(text, error = false) {
  const el = $("#status");
  el.textContent = text;
  el.classList.toggle("error", error);
}

// -- the structure view -------------------------------------------------------------------------------------

function validOn(d) {
  const asOf = state.asOf;
  if (!asOf) return true;
  return !(d.validFrom && asOf < d.validFrom) && !(d.validTo && asOf >= d.validTo);
}

const LABELS = { AREA: "Area", BODY: "Body", SUNK_TEAM: "Sunk team", DUTY: "Duty", HOLDER_KIND: "Holder kind" };

function classesOf(d) {
  const kind = (d.kind || "").toLowerCase();
  return [d.label,
    (d.level || "").toLowerCase(), kind.includes("party") ? "party" : "", validOn(d) ? "" : "invalid"].join(" ");
}

function addNode(d, by) {
  info.set(d.id, { ...info.get(d.id), ...d });
  if (cy.getElementById(d.id).nonempty()) return;
  owner.set(d.id, by);
  cy.add({ group: "nodes", data: { id: d.id, name: d.name }, classes: classesOf(d) });
}

function addEdge(source, target, kind, classes) {
  const id = `${source}>${kind}>${target}`;
  if (cy.getElementById(id).nonempty() || cy.getElementById(source).empty() || cy.getElementById(target).empty()) return;
  cy.add({ group: "edges", data: { id, source, target, name: kind }, classes });
}

// Reporting lines between everything on screen (both ends must be there): drawn from the subordinate up.
function linkReports() {
  for (const [id, d] of info) {
    if (cy.getElementById(id).empty()) continue;
    for (const r of d.reportsTo || []) addEdge(id, r.body.id, r.line, `report ${(r.line || "").toLowerCase()}`);
    for (const s of d.sentBy || []) addEdge(id, s.id, "SENT_BY", "report SENT_BY");
  }
}

async function expand(code, { layout = true } = {}) {
  const data = await gql(EXPAND, { code, first: MAX_CHILDREN, after: null });
  const area = data.area;
  if (!area) throw new Error(`no area ${code}`);
  addNode(area, owner.get(area.id) ?? "");
  cy.getElementById(area.id).addClass("open");
  for (const b of area.bodies) { addNode(b, area.id); addEdge(area.id, b.id, "GOVERNS", "tree"); }
  for (const t of area.sunkTeams) { addNode(t, area.id); addEdge(area.id, t.id, "STATIONED_IN", "tree"); }
  addChildren(area.id, area.children);
  if (!state.open.includes(area.id)) state.open.push(area.id);
  linkReports();
  keepUnderCap(area.id);
  if (layout) relayout(area.id);
}

function addChildren(areaId, page) {
  for (const e of page.edges) { addNode(e.node, areaId); addEdge(areaId, e.node.id, "PART_OF", "tree"); }
  cursors.set(areaId, page.pageInfo.endCursor);
  const shown = cy.nodes().filter((n) => owner.get(n.id()) === areaId && info.get(n.id())?.label === "AREA").length;
  const moreId = `more:${areaId}`;
  cy.getElementById(moreId).remove();
  if (page.pageInfo.hasNextPage) {
    cy.add({ group: "nodes", data: { id: moreId, name: `+${page.totalCount - shown} more`, area: areaId }, classes: "more" });
    owner.set(moreId, areaId);
    addEdge(areaId, moreId, "PART_OF", "tree");
  }
}

async function more(areaId) {
  const data = await gql(MORE, { code: areaId, first: MAX_CHILDREN, after: cursors.get(areaId) });
  addChildren(areaId, data.area.children);
  linkReports();
  keepUnderCap(areaId);
  relayout(areaId);
}

function collapse(areaId) {
  for (const child of [...owner.keys()].filter((id) => owner.get(id) === areaId)) {
    if (state.open.includes(child)) collapse(child);
    cy.getElementById(child).remove();
    owner.delete(child);
  }
  cy.getElementById(areaId).removeClass("open");
  state.open = state.open.filter((id) => id !== areaId);
}

function ancestors(id) {
  const chain = [];
  for (let at = owner.get(id); at; at = owner.get(at)) chain.push(at);
  return chain;
}

// Never more than MAX_NODES: fold the open branches that are not on the path to the one just opened.
function keepUnderCap(focus) {
  if (cy.nodes().length <= MAX_NODES) return;
  const keep = new Set([focus, ...ancestors(focus)]);
  for (const id of [...state.open].reverse()) {
    if (cy.nodes().length <= MAX_NODES) break;
    if (!keep.has(id) && state.open.includes(id)) collapse(id);
  }
}

// Lay the tree out left to right, then frame the area just opened (or selected) at a zoom where Chinese names
// stay readable; the rest of the tree is a pan away.
function relayout(focus = state.sel || state.open.at(-1)) {
  const tree = cy.elements("node, edge.tree").filter((el) => !el.hasClass("invalid"));
  tree.layout({ name: "dagre", rankDir: "LR", nodeSep: 6, rankSep: 140, edgeSep: 4, animate: false, fit: false }).run();
  frame(focus);
  saveUrl();
}

function frame(focus) {
  const at = focus ? cy.getElementById(focus) : cy.collection();
  const eles = at.nonempty() ? at.union(cy.nodes().filter((n) => owner.get(n.id()) === focus)) : cy.nodes();
  cy.fit(eles, 40);
  if (cy.zoom() < 0.75) {
    cy.zoom(0.75);
    cy.center(eles);
  }
}

async function toggle(id) {
  if (id.startsWith("more:")) return more(cy.getElementById(id).data("area"));
  if (info.get(id)?.label !== "AREA") return;
  if (state.open.includes(id)) { collapse(id); relayout(id); } else await expand(id);
}

// -- search ----------------------------------------------------------------------------------------------------

async function search(text) {
  const data = await gql(SEARCH, { text });
  const list = $("#results");
  list.replaceChildren();
  for (const hit of data.search) {
    const n = hit.node;
    const li = document.createElement("li");
    li.tabIndex = 0;
    li.setAttribute("role", "option");
    li.dataset.id = n.id;
    const where = n.code || n.governs?.map((g) => g.name).join("、") || n.stationedIn?.map((g) => g.name).join("、") ||
      n.citation || "";
    li.innerHTML = `${esc(n.name)} <small>${esc(LABELS[n.label])} · ${esc(where)}</small>`;
    li.addEventListener("click", () => reveal(n));
    list.append(li);
  }
  list.firstElementChild?.focus();
}

// Bring a search hit onto the screen: open the areas above it (one request each), then select it.
async function reveal(n) {
  if (state.mode !== "tree") await showTree();
  const area = n.code || (n.governs?.[0] || n.stationedIn?.[0])?.id;
  const opens = !area ? [] : n.code ? above(area) : [...above(area), area];
  for (const code of opens) if (!state.open.includes(code)) await expand(code, { layout: false });
  relayout(opens.at(-1));
  await select(n.id, true);
}

// The areas above an NBS code: the city, then the 6-digit district, then the 9-digit street.
function above(code) {
  if (code === CITY) return [];
  return [CITY, code.slice(0, 6), code.slice(0, 9)].filter((c) => c.length < code.length);
}

// -- details ----------------------------------------------------------------------------------------------------

async function select(id, center = false) {
  cy.elements().unselect();
  const el = cy.getElementById(id);
  el.select();
  if (center && el.nonempty() && !inView(el)) cy.center(el);
  state.sel = id;
  saveUrl();
  if (id.startsWith("more:")) return;
  const data = await gql(DETAIL, { id });
  showDetails(data.node);
}

function inView(el) {
  const b = el.renderedBoundingBox();
  return b.x1 >= 0 && b.y1 >= 0 && b.x2 <= cy.width() && b.y2 <= cy.height();
}

function showDetails(n) {
  const box = $("#details");
  if (!n) { box.replaceChildren(); return; }
  const p = n.provenance || {};
  const rows = [
    ["kind", [...new Set([LABELS[n.label], n.kind || n.areaKind, n.level].filter(Boolean).map((w) => w.toLowerCase()))].join(" · ")],
    ["id", n.id],
    ["provenance", `<span class="prov-${esc(p.kind || "").toLowerCase()}">${esc(p.kind || "").toLowerCase()}</span>`],
    ["source", esc(p.source || "")],
    p.rule ? ["rule", esc(p.rule)] : null,
    p.evidence ? ["evidence", esc(p.evidence)] : null,
    ["valid", `${esc(n.validFrom || "—")} → ${esc(n.validTo || "—")}`],
  ].filter(Boolean);
  let html = `<h2>${esc(n.name)}</h2><dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${k === "kind" || k === "id" ? esc(v) : v}</dd>`).join("")}</dl>`;
  if (n.reportsTo?.length) {
    html += "<h3>Reports to</h3><ul>" + n.reportsTo.map((r) => `<li>${esc(r.body.name)} <small>${esc((r.line || "").toLowerCase())}${r.primary ? ", primary" : ""} · ${esc(r.provenance?.kind || "")} ${esc(r.provenance?.rule || r.provenance?.source || "")}</small></li>`).join("") + "</ul>";
  }
  if (n.sentBy?.length) html += `<p>Sent by ${n.sentBy.map((b) => esc(b.name)).join("、")}; stationed in ${(n.stationedIn || []).map((a) => esc(a.name)).join("、")}</p>`;
  if (n.responsibilities) {
    const r = n.responsibilities;
    html += `<h3>Duties held (${r.totalCount})</h3><ul class="duties">` + r.edges.map(({ node: h }) =>
      `<li>${esc(h.role.toLowerCase())}: ${esc(h.duty.citation)}<blockquote>${esc(h.duty.quote)}</blockquote></li>`).join("") + "</ul>";
    if (r.totalCount > r.edges.length) html += `<p><small>… ${r.totalCount - r.edges.length} more</small></p>`;
  }
  if (n.citation) html += `<p>${esc(n.citation)}</p><blockquote>${esc(n.quote)}</blockquote>`;
  box.innerHTML = html;
}

const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

// -- the whistle view -------------------------------------------------------------------------------------------

async function runWhistle() {
  state.place = $("#w-place").value.trim();
  state.subject = $("#w-subject").value.trim();
  state.urgency = $("#w-urgency").value;
  const w = { place: state.place, subject: state.subject, urgency: state.urgency };
  if (state.asOf) w.asOf = state.asOf;
  const data = await gql(WHISTLE, { w });
  whistleAnswer = data.responders;
  state.mode = "whistle";
  cy.elements().remove();
  for (const r of whistleAnswer.responders) {
    addHopNode(r.body);
    for (const h of r.path.hops) {
      addHopNode(h.source);
      addHopNode(h.target);
      addEdge(h.source.id, h.target.id, h.type + (h.detail ? `(${h.detail})` : ""), "hop");
    }
  }
  const list = $("#responders");
  list.replaceChildren();
  for (const r of whistleAnswer.responders) {
    const li = document.createElement("li");
    li.dataset.rank = r.rank;
    li.innerHTML = `<button type="button">${esc(r.body.name)} <small>${esc(r.tier.toLowerCase())} · ${esc(r.role.toLowerCase())}${r.notifyNow ? " · now" : ""}</small></button>`;
    li.querySelector("button").addEventListener("click", () => highlight(r.rank));
    list.append(li);
  }
  $("#w-back").hidden = false;
  cy.layout({ name: "dagre", rankDir: "LR", nodeSep: 12, rankSep: 120, animate: false, fit: true, padding: 30 }).run();
  highlight(Math.min(state.r || 1, whistleAnswer.responders.length));
  const notes = whistleAnswer.notes.length ? ` Notes: ${whistleAnswer.notes.join(" ")}` : "";
  status(`${whistleAnswer.responders.length} responders at ${whistleAnswer.place.name}.${notes}`);
}

function addHopNode(ref) {
  if (cy.getElementById(ref.id).nonempty()) return;
  info.set(ref.id, { ...info.get(ref.id), ...ref });
  cy.add({ group: "nodes", data: { id: ref.id, name: ref.name }, classes: classesOf(ref) });
}

// One responder's path in gold, everything else dimmed; the list marks it too.
function highlight(rank) {
  const r = whistleAnswer.responders.find((x) => x.rank === rank);
  if (!r) return;
  state.r = rank;
  cy.elements().removeClass("hl").addClass("dim");
  const on = cy.getElementById(r.body.id);
  for (const h of r.path.hops) {
    on.merge(cy.getElementById(h.source.id)).merge(cy.getElementById(h.target.id));
    on.merge(cy.edges().filter((e) => e.source().id() === h.source.id && e.target().id() === h.target.id));
  }
  on.removeClass("dim").addClass("hl");
  for (const li of $("#responders").children) li.classList.toggle("on", Number(li.dataset.rank) === rank);
  saveUrl();
  select(r.body.id);
}

async function showTree() {
  state.mode = "tree";
  whistleAnswer = null;
  $("#responders").replaceChildren();
  $("#w-back").hidden = true;
  cy.elements().remove();
  owner.clear();
  const open = state.open.length ? state.open : [CITY];
  state.open = [];
  for (const code of open) await expand(code, { layout: false });
  relayout();
}

// -- the URL holds the view -----------------------------------------------------------------------------------

function saveUrl() {
  const p = new URLSearchParams();
  if (state.mode === "whistle") {
    p.set("whistle", state.place);
    p.set("subject", state.subject);
    p.set("urgency", state.urgency);
    p.set("r", state.r);
  } else if (state.open.length) p.set("open", state.open.join(","));
  if (state.sel) p.set("sel", state.sel);
  if (state.asOf) p.set("asOf", state.asOf);
  history.replaceState(null, "", `#${p}`);
}

async function loadUrl() {
  const p = new URLSearchParams(location.hash.slice(1));
  state.asOf = p.get("asOf") || "";
  $("#asof").value = state.asOf;
  state.open = (p.get("open") || "").split(",").filter(Boolean);
  if (p.get("whistle")) {
    $("#w-place").value = p.get("whistle");
    $("#w-subject").value = p.get("subject") || "";
    $("#w-urgency").value = p.get("urgency") || "ROUTINE";
    state.r = Number(p.get("r") || 1);
    await runWhistle();
  } else {
    await showTree();
    if (p.get("sel")) await select(p.get("sel"), true);
  }
}

// -- keyboard and controls ------------------------------------------------------------------------------------

function treeNeighbour(id, key) {
  if (key === "ArrowLeft") return owner.get(id);
  const kids = cy.nodes().filter((n) => owner.get(n.id()) === id).map((n) => n.id());
  if (key === "ArrowRight") return kids[0];
  const siblings = cy.nodes().filter((n) => owner.get(n.id()) === owner.get(id)).sort((a, b) =>
    a.position("y") - b.position("y")).map((n) => n.id());
  const i = siblings.indexOf(id);
  return siblings[i + (key === "ArrowDown" ? 1 : -1)];
}

document.addEventListener("keydown", async (ev) => {
  const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement?.tagName);
  if (ev.key === "/" && !typing) { ev.preventDefault(); $("#search").focus(); return; }
  if (document.activeElement?.parentElement?.id === "results") {
    const li = document.activeElement;
    if (ev.key === "ArrowDown") { ev.preventDefault(); li.nextElementSibling?.focus(); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); (li.previousElementSibling || $("#search")).focus(); }
    else if (ev.key === "Enter") { ev.preventDefault(); li.click(); }
    return;
  }
  if (typing) {
    if (ev.key === "ArrowDown" && document.activeElement.id === "search") { ev.preventDefault(); $("#results li")?.focus(); }
    return;
  }
  if (ev.key === "Escape") { cy.elements().unselect(); state.sel = ""; showDetails(null); saveUrl(); return; }
  if (!state.sel) return;
  if (ev.key === "Enter" && state.mode === "tree") { ev.preventDefault(); await toggle(state.sel); }
  else if (ev.key.startsWith("Arrow") && state.mode === "tree") {
    ev.preventDefault();
    const next = treeNeighbour(state.sel, ev.key);
    if (next) await select(next, true);
  } else if (ev.key.startsWith("Arrow") && state.mode === "whistle") {
    ev.preventDefault();
    highlight(state.r + (ev.key === "ArrowDown" || ev.key === "ArrowRight" ? 1 : -1));
  } else if (ev.key === "w" && info.get(state.sel)?.label === "AREA") {
    $("#w-place").value = state.sel;
    $("#w-subject").focus();
  }
});

cy.on("tap", "node", async (ev) => {
  const id = ev.target.id();
  $("#graph").focus();
  if (state.mode === "whistle") {
    const r = whistleAnswer.responders.find((x) => x.body.id === id);
    if (r) return highlight(r.rank);
    return select(id);
  }
  await select(id);
  if (id.startsWith("more:") || info.get(id)?.label === "AREA") await toggle(id);
});

$("#search-form").addEventListener("submit", (ev) => { ev.preventDefault(); search($("#search").value.trim()); });
$("#whistle-form").addEventListener("submit", (ev) => { ev.preventDefault(); state.r = 1; runWhistle(); });
$("#w-back").addEventListener("click", () => showTree());
$("#asof").addEventListener("change", () => {
  state.asOf = $("#asof").value;
  cy.nodes().forEach((n) => { const d = info.get(n.id()); if (d) n.toggleClass("invalid", !validOn(d)); });
  if (state.mode === "whistle") runWhistle(); else relayout();
});

window.explorer = { cy, state, get busy() { return busy; }, expand, search, reveal, runWhistle, highlight };
loadUrl();
