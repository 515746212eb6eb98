/* The on-screen worksheet's script: answers kept in localStorage, marked against salted
   hashes, and the key decrypted after the student submits (see spinsheet/web.py for the
   scheme, and why it keeps the key out of view-source but not from a student who codes).
   No network: nothing here fetches, and the page's Content-Security-Policy forbids it. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var $ = function (s, root) { return (root || document).querySelector(s); };
  var $$ = function (s, root) { return Array.prototype.slice.call((root || document).querySelectorAll(s)); };
  var M = {};
  $$("#messages [data-m]").forEach(function (e) { M[e.getAttribute("data-m")] = e.textContent.trim(); });
  var blobEl = $("#blob");
  var SALT = blobEl.getAttribute("data-salt");
  var STORE = blobEl.getAttribute("data-store");
  var CHECKS = JSON.parse($("#checks").textContent);
  var LANG = document.documentElement.lang;
  var KINDS = ["loaded", "unsourced"];
  var form = $("#sheet");
  var live = $("#live");
  var questions = $$(".question", form);

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function number(n) {
    try {
      return new Intl.NumberFormat(LANG, { maximumFractionDigits: 1, numberingSystem: "latn" }).format(n);
    } catch (e) {
      return String(Math.round(n * 10) / 10);
    }
  }
  function say(text) {
    // Emptied first, so that the same words said twice are read out twice.
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  // Hashing: the same as answer_hash in web.py. -------------------------------------------
  var encoder = new TextEncoder();
  var memo = {};
  function hex(bytes) {
    var out = "";
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return out;
  }
  function sha(bytes) {
    return crypto.subtle.digest("SHA-256", bytes).then(function (b) { return new Uint8Array(b); });
  }
  function hash() {
    var text = [SALT].concat(Array.prototype.slice.call(arguments)).join("|");
    if (!(text in memo)) memo[text] = sha(encoder.encode(text)).then(function (b) { return hex(b).slice(0, 16); });
    return memo[text];
  }

  // The student's answers, kept in this browser. --------------------------------------------
  var state = { a: {}, s: {}, done: false };
  try {
    var saved = JSON.parse(window.localStorage.getItem(STORE) || "null");
    if (saved && typeof saved === "object") state = { a: saved.a || {}, s: saved.s || {}, done: !!saved.done };
  } catch (e) { /* storage off (a private window): answers last as long as the page */ }
  function save() {
    try { window.localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* as above */ }
  }

  function fields() {
    return $$("input[name], select[name], textarea[name]", form).filter(function (e) {
      return !/-pen$/.test(e.name);
    });
  }
  fields().forEach(function (e) {
    var value = state.a[e.name];
    if (value === undefined) return;
    if (e.type === "radio") e.checked = e.value === value;
    else e.value = value;
  });
  // A copy of each written answer that prints whole (a textarea prints only what shows).
  $$("textarea", form).forEach(function (area) {
    var copy = document.createElement("div");
    copy.className = "print-copy";
    copy.setAttribute("aria-hidden", "true");
    copy.textContent = area.value;
    area.parentNode.insertBefore(copy, area.nextSibling);
    area.addEventListener("input", function () { copy.textContent = area.value; });
  });
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  function changed(ev) {
    var e = ev.target;
    if (!e.name || /-pen$/.test(e.name) || state.done) return;
    if (e.type === "radio") { if (e.checked) state.a[e.name] = e.value; } else state.a[e.name] = e.value;
    save();
    var question = e.closest(".question");
    if (question) clearStatus(question);
  }

  // The spot passages: one widget each, words as toggle buttons, a roving tabindex. --------
  var spots = {};
  questions.filter(function (q) { return q.getAttribute("data-kind") === "spot"; }).forEach(function (q) {
    var ident = q.getAttribute("data-q");
    var box = $(".spot-text", q);
    var words = $$(".blk > span:not(.pn)", box);
    // Words are numbered in the order they print; where they are not (web.py says so), each
    // carries its number.
    if (words.length && words[0].hasAttribute("data-i")) {
      words.sort(function (a, b) { return +a.getAttribute("data-i") - +b.getAttribute("data-i"); });
    }
    var marks = state.s[ident] || (state.s[ident] = {});
    var spot = { q: q, box: box, words: words, marks: marks, current: 0 };
    spots[ident] = spot;
    // The spaces and punctuation between words, as elements a mark can run across.
    $$(".blk", box).forEach(function (blk) {
      Array.prototype.slice.call(blk.childNodes).forEach(function (node) {
        if (node.nodeType === 3) {
          var sep = document.createElement("span");
          sep.className = "sep";
          blk.replaceChild(sep, node);
          sep.appendChild(node);
        }
      });
    });
    words.forEach(function (w, i) {
      w.className = "w";
      w.setAttribute("role", "button");
      w.setAttribute("tabindex", i === 0 ? "0" : "-1");
      w.setAttribute("aria-pressed", "false");
      w.setAttribute("data-w", String(i));
      var said = document.createElement("span");
      said.className = "sr-only";
      w.appendChild(said);
    });
    box.addEventListener("click", function (ev) {
      var w = ev.target.closest(".w");
      if (!w) return;
      focusWord(spot, +w.getAttribute("data-w"));
      toggle(spot, +w.getAttribute("data-w"), pen(spot));
    });
    box.addEventListener("keydown", function (ev) { key(spot, ev); });
    q.addEventListener("keydown", function (ev) {
      if (ev.target.tagName === "INPUT" && ev.target.type === "radio" && (ev.key === "1" || ev.key === "2")) {
        choosePen(spot, KINDS[+ev.key - 1]);
        ev.preventDefault();
      }
    });
    draw(spot);
  });

  function pen(spot) {
    var chosen = $("input[type=radio]:checked", $(".pens", spot.q));
    return chosen ? chosen.value : "loaded";
  }
  function choosePen(spot, kind) {
    $$(".pens input", spot.q).forEach(function (r) { r.checked = r.value === kind; });
    say(M["pen-" + kind]);
  }
  function focusWord(spot, i) {
    i = Math.max(0, Math.min(spot.words.length - 1, i));
    spot.words[spot.current].setAttribute("tabindex", "-1");
    spot.current = i;
    spot.words[i].setAttribute("tabindex", "0");
    spot.words[i].focus();
  }
  function key(spot, ev) {
    var w = ev.target.closest(".w");
    if (!w) return;
    var i = +w.getAttribute("data-w");
    var rtl = window.getComputedStyle(spot.box).direction === "rtl";
    var step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, ArrowDown: 1, ArrowUp: -1 }[ev.key];
    if (step) focusWord(spot, i + step);
    else if (ev.key === "Home") focusWord(spot, 0);
    else if (ev.key === "End") focusWord(spot, spot.words.length - 1);
    else if (ev.key === "Enter" || ev.key === " ") toggle(spot, i, pen(spot));
    else if (ev.key === "Delete" || ev.key === "Backspace") toggle(spot, i, null);
    else if (ev.key === "1" || ev.key === "2") choosePen(spot, KINDS[+ev.key - 1]);
    else return;
    ev.preventDefault();
  }
  function toggle(spot, i, kind) {
    if (state.done) return;
    if (kind === null || spot.marks[i] === kind) delete spot.marks[i];
    else spot.marks[i] = kind;
    save();
    clearStatus(spot.q);
    draw(spot);
    var w = spot.words[i];
    say(w.firstChild.textContent + (spot.marks[i] ? ": " + (spot.marks[i] === "loaded" ? M.underlined : M.circled) : ""));
  }
  // Each word's mark, drawn by shape (a line under, a dashed box) and said in words.
  function draw(spot) {
    spot.words.forEach(function (w, i) {
      var kind = spot.marks[i] || "";
      w.setAttribute("data-mark", kind);
      w.setAttribute("aria-pressed", kind ? "true" : "false");
      var result = w.getAttribute("data-result");
      var said = kind ? ", " + (kind === "loaded" ? M.underlined : M.circled) : "";
      if (result && kind) said += ", " + M[result];
      w.lastChild.textContent = said;
    });
    $$(".sep", spot.box).forEach(function (sep) {
      var before = sep.previousElementSibling, after = sep.nextElementSibling;
      var a = before && before.classList.contains("w") && before.getAttribute("data-mark");
      var b = after && after.classList.contains("w") && after.getAttribute("data-mark");
      sep.setAttribute("data-mark", a && a === b ? a : "");
    });
    spot.words.forEach(function (w) {
      var kind = w.getAttribute("data-mark");
      var before = w.previousElementSibling, after = w.nextElementSibling;
      w.classList.toggle("join-start", !!kind && !!before && before.getAttribute("data-mark") === kind);
      w.classList.toggle("join-end", !!kind && !!after && after.getAttribute("data-mark") === kind);
    });
  }

  // Marking: what the printed key's rules give (quiz.py's spot_score, choice_score…). ----
  function status(q, name) {
    return $('[data-status="' + (name || q.getAttribute("data-q")) + '"]', q);
  }
  function show(el, result) {
    if (!el) return;
    var icons = { right: "✓", wrong: "✗", empty: "–", half: "½" };
    el.setAttribute("data-result", result);
    el.textContent = icons[result] + " " + M[result];
  }
  function clearStatus(q) {
    if (state.done) return;
    $$(".status", q).forEach(function (el) { el.textContent = ""; el.removeAttribute("data-result"); });
    $$(".w[data-result]", q).forEach(function (w) { w.removeAttribute("data-result"); });
    var spot = spots[q.getAttribute("data-q")];
    if (spot) draw(spot);
  }
  function spotEntries(check) {
    if (!check.map) {
      check.map = {};
      check.g.forEach(function (entry) { (check.map[entry[0]] = check.map[entry[0]] || []).push(entry[1]); });
    }
    return check.map;
  }
  function mark(q) {
    var ident = q.getAttribute("data-q");
    var check = CHECKS[ident];
    if (!check) return Promise.resolve(0);
    if (check.t === "c") {
      var chosen = $('input[name="' + ident + '"]:checked', q);
      if (!chosen) { show(status(q), "empty"); return Promise.resolve(0); }
      return hash(ident, "c", chosen.value).then(function (h) {
        var right = check.h.indexOf(h) >= 0;
        show(status(q), right ? "right" : "wrong");
        return right ? check.p : 0;
      });
    }
    if (check.t === "n") {
      var value = $("input", q).value.trim();
      if (!/^\d+$/.test(value)) { show(status(q), "empty"); return Promise.resolve(0); }
      return hash(ident, "n", String(parseInt(value, 10))).then(function (h) {
        var right = check.h.indexOf(h) >= 0;
        show(status(q), right ? "right" : "wrong");
        return right ? check.p : 0;
      });
    }
    if (check.t === "m") {
      return Promise.all($$("select", q).map(function (sel) {
        var pair = sel.getAttribute("data-pair");
        if (sel.value === "") { show(status(q, sel.name), "empty"); return 0; }
        return hash(ident, "m", pair, sel.value).then(function (h) {
          var right = check.h.indexOf(h) >= 0;
          show(status(q, sel.name), right ? "right" : "wrong");
          return right ? check.p / check.n : 0;
        });
      })).then(sum);
    }
    var spot = spots[ident];
    var entries = spotEntries(check);
    var marked = Object.keys(spot.marks).map(Number).sort(function (x, y) { return x - y; });
    return Promise.all(marked.map(function (i) {
      var kind = spot.marks[i];
      var other = kind === "loaded" ? "unsourced" : "loaded";
      return Promise.all([hash(ident, "s", i, kind), hash(ident, "s", i, other)]).then(function (h) {
        return { i: i, full: entries[h[0]] || [], half: entries[h[1]] || [] };
      });
    })).then(function (results) {
      var groups = {};
      var counts = { right: 0, half: 0, wrong: 0 };
      var rank = { wrong: 0, half: 1, right: 2 };
      // One mark is a run of neighbouring words with the same pen; as on paper, it counts
      // when any of its words is on a span, so all of its words show the run's result.
      var runs = [];
      results.forEach(function (r, n) {
        r.full.forEach(function (g) { groups[g] = "full"; });
        r.half.forEach(function (g) { if (groups[g] !== "full") groups[g] = "half"; });
        r.result = r.full.length ? "right" : r.half.length ? "half" : "wrong";
        var before = results[n - 1];
        if (before && before.i === r.i - 1 && spot.marks[before.i] === spot.marks[r.i]) runs[runs.length - 1].push(r);
        else runs.push([r]);
      });
      runs.forEach(function (run) {
        var best = run.reduce(function (a, r) { return rank[r.result] > rank[a] ? r.result : a; }, "wrong");
        counts[best] += 1;
        // Before submitting, only how many marks are right: a result on each mark would let
        // a student find the spans by marking word after word and checking.
        if (form.classList.contains("locked")) {
          run.forEach(function (r) { spot.words[r.i].setAttribute("data-result", best); });
        }
      });
      draw(spot);
      var el = status(q);
      el.setAttribute("data-result", "spot");
      el.textContent = marked.length ? fill(M.marks, counts) : M.nomarks;
      spot.groups = groups;
      var each = check.p / check.n;
      var score = 0;
      for (var g = 0; g < check.n; g++) score += groups[g] === "full" ? each : groups[g] === "half" ? each / 2 : 0;
      return score;
    });
  }
  function sum(values) { return values.reduce(function (a, b) { return a + b; }, 0); }
  function markAll() {
    return Promise.all(questions.map(mark)).then(sum);
  }

  // Submitting: lock, score, recover the answers from the hashes, decrypt the key. --------
  function lock() {
    form.classList.add("locked");
    fields().forEach(function (e) {
      if (e.tagName === "TEXTAREA") e.readOnly = true;
      else e.disabled = true;
    });
    $$(".pens input", form).forEach(function (e) { e.disabled = true; });
    Object.keys(spots).forEach(function (k) { spots[k].box.setAttribute("aria-disabled", "true"); });
    $("#check").disabled = true;
    $("#submit").disabled = true;
  }
  function canonical() {
    return Promise.all(questions.map(function (q) {
      var ident = q.getAttribute("data-q");
      var check = CHECKS[ident];
      if (!check) return null;
      var found = function (h) { return check.h.indexOf(h) >= 0; };
      if (check.t === "c") {
        return Promise.all($$('input[name="' + ident + '"]', q).map(function (r) { return hash(ident, "c", r.value); }))
          .then(function (hs) { return ident + "=c" + hs.findIndex(found); });
      }
      if (check.t === "n") {
        var tries = [];
        for (var n = 0; n <= check.m; n++) tries.push(hash(ident, "n", n));
        return Promise.all(tries).then(function (hs) {
          return ident + "=n" + hs.map(function (h, n) { return found(h) ? n : -1; }).filter(function (n) { return n >= 0; }).join(",");
        });
      }
      if (check.t === "m") {
        var letters = $$("select", q)[0].options.length - 1;
        return Promise.all($$("select", q).map(function (sel, i) {
          var tries = [];
          for (var a = 0; a < letters; a++) tries.push(hash(ident, "m", i, a));
          return Promise.all(tries).then(function (hs) {
            return i + ":" + hs.map(function (h, a) { return found(h) ? a : -1; }).filter(function (a) { return a >= 0; }).join(",");
          });
        })).then(function (pairs) { return ident + "=m" + pairs.join(";"); });
      }
      var spot = spots[ident];
      var entries = spotEntries(check);
      spot.members = {};
      return Promise.all(KINDS.map(function (kind) {
        return Promise.all(spot.words.map(function (w, i) { return hash(ident, "s", i, kind); })).then(function (hs) {
          var words = [];
          hs.forEach(function (h, i) {
            if (!entries[h]) return;
            words.push(i);
            entries[h].forEach(function (g) { (spot.members[g] = spot.members[g] || []).push(i); });
          });
          return kind + ":" + words.join(",");
        });
      })).then(function (kinds) { return ident + "=s" + kinds.join(";"); });
    })).then(function (lines) { return lines.filter(function (l) { return l !== null; }).join("\n"); });
  }
  function hmacKey(raw) {
    return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  }
  function hmac(raw, data) {
    return hmacKey(raw).then(function (k) { return crypto.subtle.sign("HMAC", k, data); }).then(function (b) { return new Uint8Array(b); });
  }
  function decrypt(canon) {
    var cipher = Uint8Array.from(atob(blobEl.textContent.trim()), function (c) { return c.charCodeAt(0); });
    return sha(encoder.encode(SALT + "\nkey\n" + canon)).then(function (key) {
      return Promise.all([hmac(key, encoder.encode("enc")), hmac(key, encoder.encode("mac"))]);
    }).then(function (keys) {
      return hmac(keys[1], cipher).then(function (tag) {
        if (hex(tag) !== blobEl.getAttribute("data-tag")) throw new Error("tag");
        var blocks = [];
        for (var n = 0; n * 32 < cipher.length; n++) {
          var input = new Uint8Array(36);
          input.set(keys[0]);
          new DataView(input.buffer).setUint32(32, n);
          blocks.push(sha(input));
        }
        return Promise.all(blocks);
      });
    }).then(function (blocks) {
      var plain = new Uint8Array(cipher.length);
      for (var i = 0; i < cipher.length; i++) plain[i] = cipher[i] ^ blocks[i >> 5][i & 31];
      var stream = new Blob([plain]).stream().pipeThrough(new DecompressionStream("deflate"));
      return new Response(stream).text();
    });
  }
  function reveal(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    $$("[data-for]", doc).forEach(function (part) {
      var place = $('[data-reveal="' + part.getAttribute("data-for") + '"]');
      if (!place) return;
      while (part.firstChild) place.appendChild(document.adoptNode(part.firstChild));
      place.hidden = false;
    });
    // Each span to find: the key's marker in the passage, and whether the student found it.
    Object.keys(spots).forEach(function (ident) {
      var spot = spots[ident];
      $$("tr[data-g]", $('[data-reveal="' + ident + '"]')).forEach(function (row) {
        var g = row.getAttribute("data-g");
        var got = (spot.groups || {})[g];
        var cell = $(".col-result", row);
        if (cell) {
          cell.setAttribute("data-result", got === "full" ? "right" : got === "half" ? "half" : "wrong");
          cell.textContent = (got === "full" ? "✓ " + M.found : got === "half" ? "½ " + M.foundother : "✗ " + M.missed);
        }
        var members = (spot.members || {})[g] || [];
        if (!members.length) return;
        var sup = document.createElement("sup");
        sup.className = "key-marker " + row.getAttribute("data-kind");
        sup.textContent = $(".marker-cell", row).textContent;
        var first = spot.words[Math.min.apply(null, members)];
        first.parentNode.insertBefore(sup, first);
        members.forEach(function (i) {
          var w = spot.words[i], sep = w.nextElementSibling;
          w.classList.add("key-" + row.getAttribute("data-kind"));
          if (members.indexOf(i + 1) >= 0 && sep && sep.classList.contains("sep")) sep.classList.add("key");
        });
      });
    });
  }
  function finish(announce) {
    lock();
    return markAll().then(function (score) {
      // With nothing the page can mark, no score to give: the teacher marks it all.
      var text = machine ? fill(M.final, { score: number(score) }) : "";
      if (M.teacher && machine) text += " " + M.teacher;
      if (!machine) text = M.locked;
      $("#score").textContent = text;
      $("#score").setAttribute("data-score", String(score));
      if (announce) say(machine ? text + " " + M.locked : text);
      return canonical().then(decrypt).then(reveal);
    }).then(function () {
      document.body.setAttribute("data-state", "submitted");
    }).catch(function () {
      say(M.nokey);
      $("#score").textContent += " " + M.nokey;
      document.body.setAttribute("data-state", "no-key");
    });
  }

  // Buttons. ------------------------------------------------------------------------------
  var machine = Object.keys(CHECKS).length > 0;
  $("#buttons").hidden = false;
  $("#check").hidden = !machine;
  var scoreLine = document.createElement("p");
  scoreLine.id = "score";
  scoreLine.className = "score";
  live.parentNode.insertBefore(scoreLine, live);
  $("#check").addEventListener("click", function () {
    markAll().then(function (score) {
      var text = fill(M.sofar, { score: number(score) });
      scoreLine.textContent = text;
      scoreLine.setAttribute("data-score", String(score));
      say(text);
    }).catch(function () {
      // No WebCrypto (an old browser, or one that does not trust file:// pages).
      scoreLine.textContent = M.nocheck;
      say(M.nocheck);
    });
  });
  var dialog = $("#confirm");
  $("#submit").addEventListener("click", function () {
    if (dialog.showModal) dialog.showModal(); else if (window.confirm($("#confirm-h").textContent)) submit();
  });
  $("#confirm-no").addEventListener("click", function () { dialog.close(); $("#submit").focus(); });
  $("#confirm-yes").addEventListener("click", function () { dialog.close(); submit(); });
  function submit() {
    state.done = true;
    save();
    finish(true).then(function () { scoreLine.setAttribute("tabindex", "-1"); scoreLine.focus(); });
  }
  $("#print").addEventListener("click", function () { window.print(); });
  $("#download").addEventListener("click", function () {
    var text = answersText();
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    a.download = STORE.split(":").slice(1, 3).join("-") + "-answers.txt";
    document.body.appendChild(a);
    a.click();
    window.setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  });
  function clean(el) { return el ? el.textContent.replace(/\s+/g, " ").trim() : ""; }
  function answersText() {
    var out = [M.file, fill(M.saved, { date: new Date().toLocaleString(LANG) })];
    if (scoreLine.textContent) out.push(scoreLine.textContent);
    $$(".activity", form).forEach(function (act) {
      out.push("", "== " + clean($("h2", act)) + " ==");
      $$(".question", act).forEach(function (q) {
        var ident = q.getAttribute("data-q");
        var kind = q.getAttribute("data-kind");
        var prompt = $(".choices legend, .prompt, .count-row label", q);
        if (prompt) out.push("", clean(prompt));
        if (kind === "spot") {
          var spot = spots[ident];
          KINDS.forEach(function (k) {
            var runs = [], run = [];
            spot.words.forEach(function (w, i) {
              if (spot.marks[i] === k) run.push(w.firstChild.textContent);
              else if (run.length) { runs.push(run.join(" ")); run = []; }
            });
            if (run.length) runs.push(run.join(" "));
            out.push((k === "loaded" ? M.underlined : M.circled) + ": " + (runs.length ? runs.map(function (r) { return "“" + r + "”"; }).join("; ") : M.noanswer));
          });
        } else if (kind === "choice") {
          var chosen = $('input[name="' + ident + '"]:checked', q);
          out.push(M.yours + ": " + (chosen ? clean(chosen.parentNode) : M.noanswer));
        } else if (kind === "match") {
          $$(".pairs li", q).forEach(function (li) {
            var sel = $("select", li);
            out.push(clean($("label", li)) + " → " + (sel.value === "" ? M.noanswer : sel.options[sel.selectedIndex].text));
          });
        } else if (kind === "count") {
          out.push(M.yours + ": " + ($("input", q).value || M.noanswer));
        }
        $$(".field", q).forEach(function (f) {
          out.push(clean($("label", f)) + ": " + ($("textarea", f).value.trim() || M.noanswer));
        });
        var st = $(".status", q);
        if (st && st.textContent) out.push(clean(st));
      });
    });
    return out.join("\n") + "\n";
  }

  document.body.setAttribute("data-state", "ready");
  if (state.done) finish(false);
})();
