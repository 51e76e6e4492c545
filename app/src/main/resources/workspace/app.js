// The local workspace page: fetches what the chosen person sees and renders Block Kit as Slack does.
// Every text from the bot (and so from alerts) goes into the page through textContent, never as HTML.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const state = { viewer: null, channel: null, tab: "channel", data: null, pending: false };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function unescapeSlack(s) {
    return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  }

  const EMOJI = {
    large_green_circle: "\u{1F7E2}", large_yellow_circle: "\u{1F7E1}", red_circle: "\u{1F534}",
    large_orange_circle: "\u{1F7E0}", white_circle: "\u26AA", black_circle: "\u26AB",
    white_check_mark: "\u2705", heavy_check_mark: "\u2714\uFE0F", x: "\u274C", no_entry: "\u26D4",
    warning: "\u26A0\uFE0F", raised_hand: "\u270B", hourglass: "\u231B", hourglass_flowing_sand: "\u23F3",
    rotating_light: "\u{1F6A8}", fire: "\u{1F525}", wrench: "\u{1F527}", mag: "\u{1F50D}",
    question: "\u2753", grey_question: "\u2754", information_source: "\u2139\uFE0F", stopwatch: "\u23F1\uFE0F",
    arrows_counterclockwise: "\u{1F504}", leftwards_arrow_with_hook: "\u21A9\uFE0F", bell: "\u{1F514}",
    pager: "\u{1F4DF}", eyes: "\u{1F440}", construction: "\u{1F6A7}", octagonal_sign: "\u{1F6D1}",
  };

  // Inline mrkdwn: :emoji:, `code`, *bold*, _italic_, ~strike~, <url|label>, <@U1>, <#C1>, <!here>.
  function inline(parent, text) {
    const re = /(:[a-z0-9_+-]+:|`[^`\n]+`|\*[^*\n]+\*|(?<![A-Za-z0-9])_[^_\n]+_(?![A-Za-z0-9])|~[^~\n]+~|<[^>\n]+>)/g;
    let last = 0;
    let m;
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) parent.appendChild(document.createTextNode(unescapeSlack(text.slice(last, m.index))));
      const t = m[0];
      const body = t.slice(1, -1);
      if (t[0] === ":") parent.appendChild(document.createTextNode(EMOJI[body] || t));
      else if (t[0] === "`") parent.appendChild(el("code", null, unescapeSlack(body)));
      else if (t[0] === "*") parent.appendChild(el("b", null, unescapeSlack(body)));
      else if (t[0] === "_") parent.appendChild(el("i", null, unescapeSlack(body)));
      else if (t[0] === "~") parent.appendChild(el("s", null, unescapeSlack(body)));
      else {
        const bar = body.indexOf("|");
        const target = bar >= 0 ? body.slice(0, bar) : body;
        const label = bar >= 0 ? body.slice(bar + 1) : body;
        if (target[0] === "@" || target[0] === "#" || target[0] === "!") {
          parent.appendChild(el("b", null, unescapeSlack(label[0] === "!" ? "@" + label.slice(1) : label)));
        } else {
          const a = el("a", null, unescapeSlack(label));
          if (/^https?:\/\//.test(target)) a.href = unescapeSlack(target);
          a.rel = "noopener noreferrer";
          a.target = "_blank";
          parent.appendChild(a);
        }
      }
      last = m.index + t.length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(unescapeSlack(text.slice(last))));
  }

  function mrkdwn(text) {
    const box = el("div", "mrkdwn");
    const parts = String(text || "").split("```");
    parts.forEach((part, i) => {
      if (i % 2 === 1) {
        box.appendChild(el("pre", null, unescapeSlack(part.replace(/^\n/, ""))));
        return;
      }
      part.split("\n").forEach((line, j) => {
        if (j > 0) box.appendChild(document.createElement("br"));
        inline(box, line);
      });
    });
    return box;
  }

  function textObject(t) {
    if (!t) return el("span");
    return t.type === "mrkdwn" ? mrkdwn(t.text) : el("span", null, t.text);
  }

  function button(b, message) {
    const btn = el("button", b.style === "primary" ? "primary" : b.style === "danger" ? "danger" : "", b.text && b.text.text);
    btn.dataset.actionId = b.action_id || "";
    btn.addEventListener("click", () => {
      const send = () => post("/workspace/click", {
        as: state.viewer, channel: message.channel, ts: message.ts, blockId: b.__blockId, actionId: b.action_id,
      });
      if (b.confirm) confirmThen(b.confirm, send);
      else send();
    });
    return btn;
  }

  function block(b, message) {
    const box = el("div", "block block-" + b.type);
    if (b.type === "header") box.appendChild(el("span", null, b.text && b.text.text));
    else if (b.type === "section") {
      if (b.text) box.appendChild(textObject(b.text));
      if (b.fields) {
        const grid = el("div", "fields");
        b.fields.forEach((f) => grid.appendChild(textObject(f)));
        box.appendChild(grid);
      }
      if (b.accessory && b.accessory.type === "button") {
        const acc = el("div", "accessory");
        b.accessory.__blockId = b.block_id;
        acc.appendChild(button(b.accessory, message));
        box.appendChild(acc);
      }
    } else if (b.type === "context") {
      box.classList.add("context");
      (b.elements || []).forEach((e) => box.appendChild(e.type === "image" ? el("span", null, e.alt_text) : textObject(e)));
    } else if (b.type === "actions") {
      box.classList.add("actions");
      (b.elements || []).forEach((e) => {
        if (e.type === "button") {
          e.__blockId = b.block_id;
          box.appendChild(button(e, message));
        }
      });
    } else if (b.type === "divider") box.appendChild(document.createElement("hr"));
    else if (b.type === "rich_text") box.appendChild(el("span", null, "[rich text]"));
    return box;
  }

  function blocks(list, message) {
    const box = el("div", "blocks");
    (list || []).forEach((b) => box.appendChild(block(b, message)));
    return box;
  }

  function messageView(m) {
    const box = el("div", "message" + (m.ephemeral ? " ephemeral" : ""));
    box.dataset.ts = m.ts;
    box.id = "m-" + m.ts.replace(".", "-");
    const head = el("div");
    head.appendChild(el("span", "who", m.userName));
    head.appendChild(el("span", "when", (m.ephemeral ? "only visible to you · " : "") + (m.edited ? "(edited)" : "")));
    box.appendChild(head);
    if (m.blocks && m.blocks.length) box.appendChild(blocks(m.blocks, m));
    else box.appendChild(mrkdwn(m.text));
    return box;
  }

  function render() {
    const d = state.data;
    if (!d) return;
    const people = $("person");
    if (people.options.length === 0) {
      d.people.forEach((p) => {
        const o = el("option", null, p.realName);
        o.value = p.id;
        people.appendChild(o);
      });
      people.value = state.viewer;
    }
    const channels = $("channels");
    channels.textContent = "";
    d.channels.forEach((c) => {
      const li = el("li");
      const a = el("a", state.tab === "channel" && c.id === state.channel ? "active" : "", "# " + c.name);
      a.href = "#";
      a.dataset.channel = c.id;
      a.addEventListener("click", (e) => { e.preventDefault(); state.tab = "channel"; state.channel = c.id; render(); });
      li.appendChild(a);
      channels.appendChild(li);
    });
    $("home-link").classList.toggle("active", state.tab === "home");
    $("connection").textContent = d.connected ? "runbook-bot is connected" : "runbook-bot is not connected";
    const channel = d.channels.find((c) => c.id === state.channel) || d.channels[0];
    state.channel = channel.id;
    $("title").textContent = state.tab === "home" ? "runbook-bot · Home" : "# " + channel.name;
    $("messages").hidden = state.tab !== "channel";
    $("composer").hidden = state.tab !== "channel";
    $("home").hidden = state.tab !== "home";
    if (state.tab === "home") {
      const home = $("home");
      home.textContent = "";
      if (d.home) home.appendChild(blocks(d.home.blocks, { channel: "", ts: "" }));
      else home.appendChild(el("p", "muted", "The Home tab is empty."));
      return;
    }
    const list = $("messages");
    list.textContent = "";
    const inChannel = d.messages.filter((m) => m.channel === channel.id);
    inChannel.filter((m) => !m.threadTs).forEach((m) => {
      list.appendChild(messageView(m));
      const replies = inChannel.filter((r) => r.threadTs === m.ts);
      if (replies.length) {
        const thread = el("div", "thread");
        replies.forEach((r) => thread.appendChild(messageView(r)));
        list.appendChild(thread);
      }
    });
  }

  async function refresh() {
    if (state.pending) { state.again = true; return; }
    state.pending = true;
    try {
      const r = await fetch("/workspace/state?as=" + encodeURIComponent(state.viewer || ""));
      const data = await r.json();
      if (state.viewer && data.viewer !== state.viewer) {
        state.again = true; // the person was switched while this answer was on its way
      } else {
        state.data = data;
        state.viewer = data.viewer;
        render();
      }
    } finally {
      state.pending = false;
      if (state.again) { state.again = false; refresh(); }
    }
  }

  async function post(path, body) {
    const r = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const answer = await r.json();
    $("notice").textContent = answer.ok ? "" : answer.error;
    return answer;
  }

  function confirmThen(c, then) {
    $("dialog-title").textContent = c.title ? c.title.text : "Are you sure?";
    $("dialog-text").textContent = "";
    $("dialog-text").appendChild(textObject(c.text));
    $("dialog-confirm").textContent = c.confirm ? c.confirm.text : "Yes";
    $("dialog-deny").textContent = c.deny ? c.deny.text : "Cancel";
    $("dialog").hidden = false;
    const close = () => { $("dialog").hidden = true; $("dialog-confirm").onclick = null; };
    $("dialog-deny").onclick = close;
    $("dialog-confirm").onclick = () => { close(); then(); };
  }

  $("person").addEventListener("change", (e) => { state.viewer = e.target.value; refresh(); });
  $("home-link").addEventListener("click", (e) => {
    e.preventDefault();
    state.tab = "home";
    post("/workspace/home", { as: state.viewer });
    render();
  });
  $("composer").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("command").value.trim();
    if (!text.startsWith("/runbook")) { $("notice").textContent = "Commands start with /runbook"; return; }
    post("/workspace/command", { as: state.viewer, channel: state.channel, text: text.replace(/^\/runbook\s*/, "") });
    $("command").value = "";
  });
  new EventSource("/workspace/events").addEventListener("changed", () => refresh());
  refresh();
})();
