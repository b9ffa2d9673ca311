/*
 * Site search of the disclosure column: queries the sharded static index written
 * by generator/search/index.py. No dependencies, no outside host, ES5 syntax.
 *
 * The algorithm mirrors generator/search/query.py and tokenize.py (keep them in
 * step): fetch manifest.json and attrs.json (preloaded by the page's links, so
 * asked for with its styles; the script is async and runs as soon as it arrives,
 * without waiting for the rest of the page), then one shard t/<hash>.json per query term (the cover terms' at once,
 * the others once the first result is known); intersect the postings and sum the
 * scores of the cover terms as the shards arrive (Tally); filter; rank the documents
 * the query names (title or 文号) first, then current documents above repealed/expired
 * ones, then by field score, then newest first;
 * fetch d/<id>.json for the displayed candidates only and check each query phrase
 * against the document's text (bigrams can over-match), highlighting matches; each
 * hit is shown as soon as it and the candidates above it have arrived. The count
 * is exact unless it says 约 (see exactByIndex).
 *
 * A question is a query (stripQuestion drops its question words, splitting it); when no
 * document holds every part, the best partial matches come with a notice (partialRank),
 * and when nothing is found the page offers shorter queries (closeQueries), dropping the
 * filters and the lists: all from the shards already fetched, no request more.
 *
 * Latency (a new query on a page that has run one: issue 5, benchmarks/README.md):
 * the first result waits for two round trips, its cover's shards then its document,
 * and each response costs the page a few ms to take in. Nothing else is on that
 * path: only the cover terms score, so the leading candidate once their shards are
 * in is the final first whenever its text holds the query (the other bigrams can
 * only remove candidates: their shards are asked for after its document); the
 * first candidate's document is requested alone (requests in flight together are
 * served one after another); with more cover shards than a browser's six
 * connections, the leader of the first six is requested while the others come (a
 * guess, nearly always right: one more d/ file when not); the list is replaced, and
 * the address updated, only once there is something to show. A typed query asks for
 * its cover's shards on each input event (prefetch), before the pause that runs it or
 * the Enter key that submits it, which then find them in flight or arrived.
 */
(function () {
  "use strict";

  var app = document.getElementById("search-app");
  if (!app) { return; }
  var base = app.getAttribute("data-index") || "search/";
  if (base.charAt(base.length - 1) !== "/") { base += "/"; }
  var root = app.hasAttribute("data-root") ? app.getAttribute("data-root") : base + "../";
  var form = document.getElementById("search-form");
  var input = form ? form.elements.q : null;
  var FILTERS = ["status", "genre", "year", "issuer"];
  var ATTR_KEYS = { status: "s", genre: "g", year: "y", issuer: "i" };
  var CODE_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var OLD = { repealed: true, expired: true };
  var TITLE = 16, DOC_NUMBER = 32, ISSUER = 64, KEYWORDS = 128, NO_BODY = 8, TF_MASK = 7;
  var MAX_QUERY_TERMS = 16, SNIPPET_BEFORE = 30, SNIPPET_LENGTH = 120;
  var FORMAT = 2;  /* the index format read here (manifest.json "v") */
  var BUSY_MS = 200;  /* "正在搜索…" only when a query takes longer than this */
  var CONNECTIONS = 6;  /* a browser's connections to one host over HTTP/1.1 */
  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var NOT_KEPT = new RegExp("[^" + HAN + "a-z0-9]+", "g");
  var WEIGHT = [], NO_WEIGHT = [];  /* score of each posting code (see weight()); of a term that does not score */
  var NAMES = [];  /* posting code -> 1 if in the title, 2 if in the 文号 (see named()) */
  var GROUP = 2048;  /* above any score: the groups of rankKey never mix */
  var RUNS = new RegExp("[" + HAN + "]+|[a-z0-9]+", "g");
  /* Question words (generator/search/tokenize.py, QUESTION_WORDS): each splits the query there. */
  var QUESTION = new RegExp(["可不可以", "能不能", "是不是", "有没有", "是多少", "有哪些", "在哪里", "在哪儿", "怎么办",
    "怎么样", "为什么", "请问", "怎么", "如何", "怎样", "哪里", "哪些", "什么", "多少", "能否",
    "可以", "需要", "是否", "几天", "多久"].join("|") + "|[吗呢么吧](?=\\s|$)", "g");
  var PARTIAL_NOTICE = "没有同时包含全部词语的结果，以下为部分匹配";
  var MAX_SUGGESTIONS = 4, HAN_ONLY = new RegExp("^[" + HAN + "]{3,}$");
  var empty = document.getElementById("search-empty");
  var filtersBox = document.getElementById("search-filters");
  var cache = {};
  var generation = 0;
  var state = null;

  var notice = document.createElement("p");
  notice.className = "search-notice";
  notice.hidden = true;
  var live = document.createElement("p");
  live.className = "search-count";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  var list = document.createElement("ol");
  list.className = "search-results";
  var more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.appendChild(document.createTextNode("显示更多结果"));
  more.hidden = true;
  app.appendChild(notice);
  app.appendChild(live);
  app.appendChild(list);
  app.appendChild(more);

  function now() { return window.performance && performance.now ? performance.now() : new Date().getTime(); }

  /* Loading: one request per file, shared by concurrent callers. */
  function load(name, done, low) {
    var entry = cache[name];
    if (entry && entry.data !== undefined) { done(entry.data); return; }
    if (entry) { entry.waiting.push(done); return; }
    entry = cache[name] = { waiting: [done] };
    var finish = function (data) {
      entry.data = data;
      var waiting = entry.waiting;
      entry.waiting = [];
      for (var i = 0; i < waiting.length; i++) { waiting[i](data); }
    };
    var fail = function () { delete cache[name]; showError(); };
    if (window.fetch) {
      fetch(base + name, low ? { priority: "low" } : {}).then(function (r) {
        if (!r.ok) { throw new Error(r.status); }
        return r.json();
      }).then(finish, fail);
    } else {
      var xhr = new XMLHttpRequest();
      xhr.open("GET", base + name);
      xhr.onload = function () {
        if (xhr.status !== 200) { fail(); return; }
        try { finish(JSON.parse(xhr.responseText)); } catch (e) { fail(); }
      };
      xhr.onerror = fail;
      xhr.send();
    }
  }

  /* Tokenization: see generator/search/tokenize.py. */
  function foldChar(ch) {
    var c = ch.charCodeAt(0);
    if (c >= 0xFF21 && c <= 0xFF3A) { return String.fromCharCode(c - 0xFF21 + 97); }
    if (c >= 0xFF01 && c <= 0xFF5E) { c -= 0xFEE0; }
    if (c === 0x3000) { c = 32; }
    if (c >= 65 && c <= 90) { c += 32; }
    return String.fromCharCode(c);
  }
  function fold(text) { return text.replace(/[A-Z\uff01-\uff5e\u3000]/g, foldChar); }

  function kept(c) {
    return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
  }
  function compact(text) {
    var folded = fold(text), where = [];
    for (var i = 0; i < folded.length; i++) { if (kept(folded.charCodeAt(i))) { where.push(i); } }
    return { text: folded.replace(NOT_KEPT, ""), where: where };
  }

  function parsePart(raw) {
    var folded = fold(raw), cover = [], rest = [], m, phrase = compact(raw).text;
    if (phrase.length === 1 && phrase >= "\u3400") { return { phrase: phrase, cover: [phrase], rest: [] }; }  /* in the titles */
    RUNS.lastIndex = 0;
    while ((m = RUNS.exec(folded)) !== null) {
      var run = m[0];
      if (run.charAt(0) < "\u3400") { cover.push(run); continue; }
      var n = run.length - 1;
      for (var i = 0; i < n; i++) {
        var onCover = i % 2 === 0 || i === n - 1;
        (onCover ? cover : rest).push(run.substr(i, 2));
      }
    }
    return { phrase: phrase, cover: cover, rest: rest };
  }

  /* The query less its question words; itself unless a part of two characters or more is left. */
  function stripQuestion(query) {
    var stripped = fold(query).replace(/\?/g, " ").replace(QUESTION, " "), raws = stripped.split(/\s+/);
    for (var i = 0; i < raws.length; i++) { if (compact(raws[i]).text.length > 1) { return stripped; } }
    return query;
  }

  function parseQuery(query) {
    var raws = stripQuestion(query).split(/\s+/), parts = [], terms = [];
    raws.forEach(function (raw) {
      var part = parsePart(raw);
      if (part.phrase) { parts.push(part); }
    });
    var scored = 0;  /* terms[0 .. scored - 1] are on some part's cover: they score, the rest narrow */
    ["cover", "rest"].forEach(function (key) {
      parts.forEach(function (part) {
        part[key].forEach(function (term) {
          if (terms.indexOf(term) < 0 && terms.length < MAX_QUERY_TERMS) { terms.push(term); }
        });
      });
      if (key === "cover") { scored = terms.length; }
    });
    return { parts: parts, terms: terms, scored: scored, exact: exactByIndex(parts, terms) };
  }

  /* Whether the candidates are exactly the matches, with no phrase check needed: every
     part is one index term (a Han bigram or a whole Latin/digit token) and was looked up.
     Otherwise bigram conjunction can over-match and the count is exact only once every
     candidate has been checked. */
  function exactByIndex(parts, terms) {
    for (var i = 0; i < parts.length; i++) {
      var p = parts[i];
      if (p.rest.length || p.cover.length !== 1 || p.cover[0] !== p.phrase || terms.indexOf(p.phrase) < 0) { return false; }
    }
    return true;
  }

  function fnv1a(term) {
    var h = 0x811C9DC5;
    for (var i = 0; i < term.length; i++) {
      h ^= term.charCodeAt(i);
      h = (h + (h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24)) >>> 0;
    }
    return h >>> 0;
  }
  function shardName(term, shards) {
    var hex = (fnv1a(term) % shards).toString(16);
    while (hex.length < 3) { hex = "0" + hex; }
    return "t/" + hex + ".json";
  }

  /* Ranking: see generator/search/query.py. */
  function weight(code) {
    var score = (code & TITLE ? 40 : 0) + (code & DOC_NUMBER ? 32 : 0) +
      (code & KEYWORDS ? 16 : 0) + (code & ISSUER ? 12 : 0);
    if (!(code & NO_BODY)) { score += 4 + (code & TF_MASK); }
    return score;
  }
  for (var w = 0; w < 256; w++) { WEIGHT.push(weight(w)); NO_WEIGHT.push(0); NAMES.push((w & TITLE ? 1 : 0) | (w & DOC_NUMBER ? 2 : 0)); }

  /* Higher first (query.py, rank_key and named): the documents the query names (every scored
     term in the title, or two or more all in the 文号), then current ones, then repealed or
     expired ones, each group by score. names: the NAMES bits every scored term had. */
  function rankKey(score, old, names, scoredTerms) {
    var top = (names & 1) || ((names & 2) && scoredTerms > 1);
    return (top ? 2 : old ? 0 : 1) * GROUP + score;
  }

  /* Posting lists as text (generator/search/index.py, encode_postings): [doc list, codes].
     The doc list is varints of the gaps between docs (base-32 digits, most significant
     first, 32 added to every digit but the last) or "*" and a bitmap (6 docs a digit);
     each code is one digit, or an escape (CODE_ESCAPES: 64, 128, 192) and a digit. */
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var CODE_ESCAPES = "!#$", BITMAP = 42;  /* "*" */
  var DIGIT = [];  /* character code -> digit; an escape -> -(its multiple of 64) */
  for (w = 0; w < 128; w++) { DIGIT.push(0); }
  for (w = 0; w < 64; w++) { DIGIT[ALPHABET.charCodeAt(w)] = w; }
  for (w = 0; w < 3; w++) { DIGIT[CODE_ESCAPES.charCodeAt(w)] = -1 - w; }

  /* A doc list into out (ascending); returns how many. */
  function readDocs(text, out) {
    var n = 0, len = text.length, i, bits, b, doc = 0, value = 0, digit;
    if (text.charCodeAt(0) === BITMAP) {
      for (i = 1; i < len; i++) {
        bits = DIGIT[text.charCodeAt(i)];
        for (b = 0; bits; b++, bits >>= 1) { if (bits & 1) { out[n++] = (i - 1) * 6 + b; } }
      }
      return n;
    }
    for (i = 0; i < len; i++) {
      digit = DIGIT[text.charCodeAt(i)];
      value = value * 32 + (digit & 31);
      if (digit < 32) { doc += value; out[n++] = doc; value = 0; }
    }
    return n;
  }

  /* Intersection and scores, one term at a time as its shard arrives: stamp[doc] counts the
     terms seen so far that the doc holds, score[doc] sums the weights of those that score
     (the cover terms: parseQuery's scored; the others only narrow). A term's list is
     read straight from the shard's text, so the last shard to arrive is the only one left
     to read when it does. */
  var buffers = null;  /* the arrays of the last Tally, reused: no garbage per query */
  function Tally(manifest, terms, scored, filters) {
    var docs = manifest.docs, old = this.old = {};
    if (!buffers || buffers.stamp.length !== docs) {
      buffers = { stamp: numbers(docs, "Uint8Array"), score: numbers(docs, "Int32Array"), docs: numbers(docs, "Int32Array"),
                  names: numbers(docs, "Uint8Array") };
    } else if (buffers.stamp.fill) {
      buffers.stamp.fill(0);
    } else {
      for (var i = 0; i < docs; i++) { buffers.stamp[i] = 0; }
    }
    this.stamp = buffers.stamp;  /* a new query starts a new Tally: an older one is no longer read */
    this.score = buffers.score;
    this.names = buffers.names;  /* the NAMES bits common to the scored terms seen */
    this.docs = buffers.docs;  /* one term's doc list at a time */
    this.terms = terms;
    this.scored = scored;
    this.seen = 0;
    this.wanted = filterCodes(filters, manifest);  /* null: a filter value no doc has */
    manifest.facets.status.forEach(function (v, s) { if (OLD[v[0]]) { old[CODE_CHARS.charCodeAt(s)] = true; } });
  }
  Tally.prototype.add = function (shard, term, scores) {
    var p = Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : ["", ""];
    var docs = this.docs, n = readDocs(p[0], docs), codes = p[1], stamp = this.stamp, score = this.score, names = this.names;
    var k = this.seen++, at = 0, i, doc, code, weights = scores ? WEIGHT : NO_WEIGHT;
    for (i = 0; i < n; i++) {
      code = DIGIT[codes.charCodeAt(at++)];
      if (code < 0) { code = -64 * code + DIGIT[codes.charCodeAt(at++)]; }
      doc = docs[i];
      if (k === 0) { stamp[doc] = 1; score[doc] = weights[code]; names[doc] = scores ? NAMES[code] : 3; }
      else if (stamp[doc] === k) { stamp[doc] = k + 1; score[doc] += weights[code]; if (scores) { names[doc] &= NAMES[code]; } }
    }
  };

  /* The first candidate by the terms seen so far (-1 if none): what rank() would put
     first if no other term came, to fetch its document while the other shards come. */
  Tally.prototype.leader = function (attrs) {
    var stamp = this.stamp, score = this.score, seen = this.seen, wanted = this.wanted, old = this.old;
    var names = this.names, scored = this.scored, best = -1, bestKey = 0, n = stamp.length, doc, key;
    if (!wanted || !seen) { return -1; }
    for (doc = 0; doc < n; doc++) {
      if (stamp[doc] !== seen || (wanted.length && !passes(doc, wanted, attrs))) { continue; }
      key = rankKey(score[doc], old[attrs.s.charCodeAt(doc)], names[doc], scored);
      if (best < 0 || key > bestKey) { best = doc; bestKey = key; }
    }
    return best;
  };

  /* Filters as fixed codes: attrs character codes for status/genre/year, a number for issuer. */
  function filterCodes(filters, manifest) {
    var out = [];
    for (var f = 0; f < FILTERS.length; f++) {
      var name = FILTERS[f], want = filters[name];
      if (!want) { continue; }
      var values = manifest.facets[name], code = -1;
      for (var i = 0; i < values.length; i++) { if (String(values[i][0]) === want) { code = i; } }
      if (code < 0) { return null; }  /* an unknown value matches nothing */
      out.push({ name: name, key: ATTR_KEYS[name], code: name === "issuer" ? code : CODE_CHARS.charCodeAt(code) });
    }
    return out;
  }
  function passes(doc, wanted, attrs) {
    for (var f = 0; f < wanted.length; f++) {
      var want = wanted[f];
      if (want.name === "issuer") {
        var have = attrs.i[doc];
        if (have !== want.code && !(have instanceof Array && have.indexOf(want.code) >= 0)) { return false; }
      } else if (attrs[want.key].charCodeAt(doc) !== want.code) { return false; }
    }
    return true;
  }

  /* Typed arrays where the browser has them, plain arrays of zeros otherwise. */
  var TYPED = typeof Int32Array !== "undefined";
  function numbers(n, kind) {
    if (TYPED) { return new window[kind](n); }
    var out = new Array(n);
    for (var i = 0; i < n; i++) { out[i] = 0; }
    return out;
  }

  /* The candidates in rank order: by rankKey (named, current, old), then score descending,
     then doc id ascending (newest first). Scores are small integers, so this is a counting
     sort: one bucket per (group, score), filled in doc order, which keeps ties by doc id.
     onTop(doc) is told the first candidate before the list is laid out, to fetch it. */
  function rank(tally, attrs, onTop) {
    var wanted = tally.wanted, old = tally.old;
    if (!wanted) { return []; }
    var stamp = tally.stamp, score = tally.score, all = tally.terms, n = stamp.length, names = tally.names;
    var count = 0, top = 0, low = 0, doc, b;
    for (doc = 0; doc < n; doc++) {
      if (stamp[doc] !== all) { continue; }
      if (wanted.length && !passes(doc, wanted, attrs)) { stamp[doc] = 0; continue; }
      score[doc] = rankKey(score[doc], old[attrs.s.charCodeAt(doc)], names[doc], tally.scored);
      if (!count++) { top = doc; low = score[doc]; }
      else if (score[doc] > score[top]) { top = doc; }
      else if (score[doc] < low) { low = score[doc]; }
    }
    if (!count) { return []; }
    onTop(top);
    var high = score[top];
    var starts = numbers(high - low + 2, "Int32Array"), ranked = new Array(count);
    for (doc = 0; doc < n; doc++) { if (stamp[doc] === all) { starts[high - score[doc] + 1]++; } }
    for (b = 1; b < starts.length; b++) { starts[b] += starts[b - 1]; }
    for (doc = 0; doc < n; doc++) { if (stamp[doc] === all) { ranked[starts[high - score[doc]]++] = doc; } }
    return ranked;
  }

  /* When no document holds every part of a query of several parts: the documents holding
     some (every looked-up term of a part), more parts first, then as rank() orders them
     (without the title/文号 tier), from the shards already fetched. held[doc] lists the
     phrases each holds by the index (see query.py, partial_candidates). */
  function partialRank(s, manifest, attrs) {
    var parsed = s.parsed, found = {}, groups = [], ranked = [], held = s.held = {}, keys = {};
    var wanted = filterCodes(s.filters, manifest), old = {}, doc, g, i;
    if (!wanted) { return ranked; }
    manifest.facets.status.forEach(function (v, k) { if (OLD[v[0]]) { old[CODE_CHARS.charCodeAt(k)] = true; } });
    parsed.terms.forEach(function (term) {
      var shard = cache[shardName(term, manifest.shards)].data, map = {}, docs = [], at = 0, code;
      var p = Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : ["", ""];
      var n = readDocs(p[0], docs);
      for (var j = 0; j < n; j++) {
        code = DIGIT[p[1].charCodeAt(at++)];
        if (code < 0) { code = -64 * code + DIGIT[p[1].charCodeAt(at++)]; }
        map[docs[j]] = code;
      }
      found[term] = map;
    });
    parsed.parts.forEach(function (part) {
      var ts = [];
      part.cover.concat(part.rest).forEach(function (t) { if (found[t] && ts.indexOf(t) < 0) { ts.push(t); } });
      if (ts.length) { groups.push({ phrase: part.phrase, terms: ts }); }
    });
    for (doc = 0; doc < manifest.docs; doc++) {
      var phrases = [];
      for (g = 0; g < groups.length; g++) {
        for (i = 0; i < groups[g].terms.length && found[groups[g].terms[i]][doc] !== undefined; i++) { /* holds */ }
        if (i === groups[g].terms.length) { phrases.push(groups[g].phrase); }
      }
      if (!phrases.length || (wanted.length && !passes(doc, wanted, attrs))) { continue; }
      var score = 0;
      for (i = 0; i < parsed.scored; i++) {
        if (found[parsed.terms[i]][doc] !== undefined) { score += WEIGHT[found[parsed.terms[i]][doc]]; }
      }
      held[doc] = phrases;
      keys[doc] = { k: phrases.length, old: old[attrs.s.charCodeAt(doc)] ? 1 : 0, score: score };
      ranked.push(doc);
    }
    ranked.sort(function (a, b) {
      var x = keys[a], y = keys[b];
      return (y.k - x.k) || (x.old - y.old) || (y.score - x.score) || (a - b);
    });
    return ranked;
  }

  /* Highlighting: the phrases are found in compact space, marked in the original text. */
  function findRanges(text, phrases) {
    var c = compact(text), ranges = [], merged = [];
    phrases.forEach(function (p) {
      var at = c.text.indexOf(p);
      while (at >= 0) {
        ranges.push([c.where[at], c.where[at + p.length - 1] + 1]);
        at = c.text.indexOf(p, at + 1);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) { last[1] = Math.max(last[1], r[1]); } else { merged.push([r[0], r[1]]); }
    });
    return merged;
  }
  function appendMarked(el, text, phrases, start, end) {
    var pos = start;
    findRanges(text, phrases).forEach(function (r) {
      var a = Math.max(r[0], start), b = Math.min(r[1], end);
      if (a >= b) { return; }
      if (a > pos) { el.appendChild(document.createTextNode(text.slice(pos, a))); }
      var m = document.createElement("mark");
      m.appendChild(document.createTextNode(text.slice(a, b)));
      el.appendChild(m);
      pos = b;
    });
    if (pos < end) { el.appendChild(document.createTextNode(text.slice(pos, end))); }
  }
  function appendSnippet(el, text, phrases) {
    var flat = text.replace(/\n/g, " "), ranges = findRanges(flat, phrases);
    var start = ranges.length ? Math.max(0, ranges[0][0] - SNIPPET_BEFORE) : 0;
    var end = Math.min(flat.length, start + SNIPPET_LENGTH);
    if (start > 0) { el.appendChild(document.createTextNode("…")); }
    appendMarked(el, flat, phrases, start, end);
    if (end < flat.length) { el.appendChild(document.createTextNode("…")); }
  }
  function verified(record, phrases) {
    var hay = fold([record.t, record.n, record.i, record.k.join(" "), record.x, record.a || ""].join("\n")).replace(NOT_KEPT, "");
    for (var i = 0; i < phrases.length; i++) { if (hay.indexOf(phrases[i]) < 0) { return false; } }
    return true;
  }

  /* Rendering. */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.appendChild(document.createTextNode(text)); }
    return node;
  }
  function renderHit(record, phrases) {
    var li = el("li", "search-result");
    var h = el("h2", "search-result__title");
    var a = el("a");
    a.href = root + record.u;
    appendMarked(a, record.t, phrases, 0, record.t.length);
    h.appendChild(a);
    li.appendChild(h);
    var meta = el("p", "search-result__meta");
    if (record.s) { meta.appendChild(el("span", "badge badge--" + record.s, record.sl)); }
    else if (record.gl) { meta.appendChild(el("span", "badge badge--" + record.c, record.gl)); }
    if (record.n) {
      var num = el("span", "search-result__docnum");
      appendMarked(num, record.n, phrases, 0, record.n.length);
      meta.appendChild(num);
    }
    if (record.d) {
      var time = el("time", "search-result__date", chineseDate(record.d));
      time.setAttribute("datetime", record.d);
      meta.appendChild(time);
    }
    li.appendChild(meta);
    var snip = el("p", "search-result__snippet");
    appendSnippet(snip, record.x, phrases);
    li.appendChild(snip);
    return li;
  }
  /* 2026-06-15 -> 2026年6月15日, as the rest of the site writes dates. */
  function chineseDate(iso) {
    var p = iso.split("-");
    return p.length === 3 ? p[0] + "年" + parseInt(p[1], 10) + "月" + parseInt(p[2], 10) + "日" : iso;
  }

  /* Shorter queries some document holds, for a query that finds nothing (query.py,
     close_queries): of each phrase of three Han characters or more, the longest beginning
     and end whose bigrams one document holds together, from the shards already fetched. */
  function closeQueries(s) {
    var out = [], parsed = s.parsed, shards = s.manifest.shards;
    parsed.parts.forEach(function (part) {
      var phrase = part.phrase, held = [], i;
      if (!HAN_ONLY.test(phrase)) { return; }
      for (i = 0; i + 1 < phrase.length; i++) {
        var gram = phrase.substr(i, 2);
        if (parsed.terms.indexOf(gram) < 0) { return; }
        var shard = cache[shardName(gram, shards)].data, docs = [], set = {};
        var n = readDocs(Object.prototype.hasOwnProperty.call(shard, gram) ? shard[gram][0] : "", docs);
        for (var j = 0; j < n; j++) { set[docs[j]] = true; }
        held.push(set);
      }
      [false, true].forEach(function (fromEnd) {
        var docs = null;
        for (var k = 0; k < held.length; k++) {
          var found = held[fromEnd ? held.length - 1 - k : k], next = {}, any = false;
          for (var d in found) { if (!docs || docs[d]) { next[d] = true; any = true; } }
          if (!any) {
            var cut = fromEnd ? phrase.slice(phrase.length - k - 1) : phrase.slice(0, k + 1);
            if (k > 0 && out.indexOf(cut) < 0) { out.push(cut); }
            return;
          }
          docs = next;
        }
      });
    });
    return out.slice(0, MAX_SUGGESTIONS);
  }

  /* Nothing found: offer the query without its filters, shorter queries, and the lists. */
  function showEmpty(s) {
    if (!empty) { return; }
    var filtered = FILTERS.some(function (name) { return s.filters[name]; });
    var close = s.manifest ? closeQueries(s) : [];
    var holder = empty.querySelector(".search-empty__queries");
    empty.querySelector(".search-empty__filters").hidden = !filtered;
    empty.querySelector(".search-empty__close").hidden = !close.length;
    holder.textContent = "";
    close.forEach(function (q, i) {
      var a = el("a", "search-empty__query", q);
      a.href = location.pathname + queryString(q, s.filters);
      if (i) { holder.appendChild(document.createTextNode("、")); }
      holder.appendChild(a);
    });
    empty.hidden = false;
  }

  function setCount(n, exact) {
    live.textContent = exact ? "找到 " + n + " 条结果" : "找到约 " + n + " 条结果";
    app.setAttribute("data-count", String(n));
    app.setAttribute("data-exact", exact ? "1" : "0");
  }
  function showError() {
    if (state) { showRun(state); }
    live.textContent = "搜索索引加载失败，请稍后重试，或浏览政策文件列表。";
  }

  /* Fetch and verify candidates until a page is full (same batches as query.py). */
  function fillPage(run) {
    var s = state;
    if (run !== generation) { return; }
    var need = s.pageSize - s.shown;
    if (need <= 0 || s.pos >= s.ranked.length) {
      if (!s.shown && !s.held && s.parsed.parts.length > 1) {  /* nothing holds every part */
        s.ranked = partialRank(s, s.manifest, s.attrs);
        s.pos = s.rejected = 0;
        s.exact = false;
        fillPage(run);
        return;
      }
      showRun(s);
      notice.textContent = s.held && s.shown ? PARTIAL_NOTICE : "";
      notice.hidden = !notice.textContent;
      if (!s.shown && s.ranked.length - s.rejected === 0) { showEmpty(s); }
      setCount(s.ranked.length - s.rejected, s.exact || s.pos >= s.ranked.length);
      more.hidden = s.pos >= s.ranked.length;
      app.setAttribute("data-ms", String(Math.round(now() - s.started)));
      updateUrl(s.url);
      return;
    }
    var batch = s.ranked.slice(s.pos, s.pos + need), records = [], next = 0, asked = 0, done = false;
    s.pos += batch.length;
    s.filling = true;
    /* Each hit is shown as soon as it and every candidate ranked above it have arrived.
       The first candidate of a query is asked for alone and the others once it is in:
       requests in flight together are served one after another (on the benchmark machine
       a lone d/ file took 4 ms, the first of ten 13 ms, all ten 25 ms either way), and
       the first result should not wait for nine others. */
    var arrive = function (k, record) {
      if (run !== generation || done) { return; }
      records[k] = record;
      while (next < batch.length && records[next]) {
        if (verified(records[next], phrasesOf(s, batch[next]))) { showHit(s, records[next], batch[next]); } else { s.rejected++; }
        next++;
      }
      askRest();
      if (next === batch.length && !done) { done = true; s.filling = false; fillPage(run); }
    };
    var ask = function (k) { load("d/" + batch[k] + ".json", function (record) { arrive(k, record); }); };
    var askRest = function () { while (asked < batch.length) { ask(asked++); } };
    if (s.shown || s.rejected) { askRest(); } else { asked = 1; ask(0); }
  }

  function phrasesOf(s, doc) { return s.held ? s.held[doc] : s.phrases; }

  function showHit(s, record, doc) {
    showRun(s);
    list.appendChild(renderHit(record, phrasesOf(s, doc)));
    if (!s.shown++) {
      app.setAttribute("data-first-ms", String(Math.round(now() - s.started)));
      app.setAttribute("data-first-at", String(Math.round(now())));  /* from the navigation's start */
    }
  }

  /* The previous results stay on screen until this run has something to show (its first
     hit, its count, or BUSY_MS without either): one change of the list instead of two. */
  function showRun(s) {
    if (s.onScreen) { return; }
    s.onScreen = true;
    clearTimeout(s.busy);
    list.textContent = "";  /* one change, not one per item */
    more.hidden = true;
    notice.hidden = true;
    if (empty) { empty.hidden = true; }
  }

  function currentFilters() {
    var out = {};
    FILTERS.forEach(function (name) {
      var field = form && form.elements[name];
      out[name] = field ? field.value : "";
    });
    return out;
  }

  /* The address of a query (?q=&status=...), so that it can be shared and bookmarked. */
  function queryString(query, filters) {
    var params = [];
    if (query) { params.push("q=" + encodeURIComponent(query)); }
    FILTERS.forEach(function (name) { if (filters[name]) { params.push(name + "=" + encodeURIComponent(filters[name])); } });
    return params.length ? "?" + params.join("&") : "";
  }
  /* Called once the results are shown: a same-document navigation makes Chromium fetch and
     decode the favicon again on the main thread, which must not delay the results. */
  function updateUrl(search) {
    if (!window.history || !history.replaceState || location.search === search) { return; }
    history.replaceState(null, "", location.pathname + search);
  }

  function search() {
    var run = ++generation, started = now();
    var query = input ? input.value.replace(/^\s+|\s+$/g, "") : "";
    var filters = currentFilters();
    var url = queryString(query, filters);
    if (state) { clearTimeout(state.busy); }
    app.removeAttribute("data-ms");
    app.removeAttribute("data-first-ms");
    app.removeAttribute("data-first-at");
    app.removeAttribute("data-count");
    app.removeAttribute("data-exact");
    var parsed = parseQuery(query);
    if (!parsed.terms.length) {
      state = null;
      list.textContent = "";
      more.hidden = true;
      notice.hidden = true;
      if (empty) { empty.hidden = true; }
      live.textContent = parsed.parts.length ? "请输入至少两个汉字，或一个数字、字母词。" : "";
      updateUrl(url);
      return;
    }
    var s = state = {
      run: run, url: url, started: started, ranked: null, onScreen: false, parsed: parsed, filters: filters, held: null,
      phrases: parsed.parts.map(function (p) { return p.phrase; }), exact: parsed.exact, shown: 0, pos: 0, rejected: 0
    };
    s.busy = setTimeout(function () {
      if (run === generation && !s.onScreen) { showRun(s); live.textContent = "正在搜索…"; }
    }, BUSY_MS);
    load("manifest.json", function (manifest) {
      if (run !== generation) { return; }
      if (manifest.v !== FORMAT) { showError(); return; }  /* a search.js of another build */
      s.manifest = manifest;
      /* The cover terms' shards now; the shards of the other terms only narrow the
         candidates (and the count), so they are asked for once the cover's are in and the
         leading candidate's document has come: requests in flight together are served one
         after another, each response costs the page a few ms to take in, and none of
         them can change the first result. */
      var byShard = {}, names = [], coverLeft = 0, attrs = null, noop = function () {};
      parsed.terms.forEach(function (t, i) {
        var name = shardName(t, manifest.shards), cover = i < parsed.scored;
        if (!byShard[name]) {
          byShard[name] = [];
          names.push(name);
          if (cover) { coverLeft++; load(name, noop); }
        }
        byShard[name].push(i);
      });
      var tally = new Tally(manifest, parsed.terms.length, parsed.scored, filters);
      var left = names.length + 1, coverIn = 0, guessed = false, earlyAsked = false, restAsked = false;
      var fetchDoc = function (doc) { if (doc >= 0) { load("d/" + doc + ".json", noop); } };
      var askRest = function () {
        if (restAsked || run !== generation) { return; }
        restAsked = true;
        names.forEach(function (name) { if (byShard[name][0] >= parsed.scored) { take(name, true); } });
      };
      /* Once the cover's shards are in, the leading candidate is the final first result
         unless it lacks a later term, and then its text does not hold the query: its
         document is asked for now, alone, and shown as soon as it passes that check. */
      var early = function () {
        var top = tally.leader(attrs);
        if (top < 0) { askRest(); return; }
        load("d/" + top + ".json", function (record) {
          if (run === generation && !s.ranked && !s.shown && verified(record, s.phrases)) {
            s.early = top;
            showHit(s, record, top);
          }
          askRest();
        });
      };
      var arrived = function (cover) {
        if (run !== generation) { return; }
        left--;
        coverLeft -= cover;
        if (!left) {
          s.attrs = attrs;
          s.ranked = rank(tally, attrs, fetchDoc);
          if (s.shown && s.ranked[0] !== s.early) { list.textContent = ""; s.shown = 0; }  /* cannot happen */
          s.pos = s.shown;  /* the early result is the first of the ranking */
          s.pageSize = s.step = manifest.pageSize;
          fillPage(run);
          return;
        }
        if (coverLeft) { return; }
        if (attrs && !earlyAsked) {
          earlyAsked = true;
          early();
        } else if (!attrs) {
          askRest();  /* a first query: attrs.json still on its way, the leader unknown */
        }
      };
      var take = function (name, low) {
        load(name, function (shard) {
          if (run !== generation) { return; }
          var cover = 0;
          byShard[name].forEach(function (i) {
            tally.add(shard, parsed.terms[i], i < parsed.scored);
            cover = cover || +(i < parsed.scored);
          });
          /* A browser opens at most CONNECTIONS connections to a host (HTTP/1.1): the shards
             beyond them wait for the first ones, a round trip more. The candidate leading
             after the first CONNECTIONS cover shards is nearly always the final first (the
             shards still to come hold the in-between bigrams of the same phrases): fetch
             it meanwhile. */
          if (cover && ++coverIn === CONNECTIONS && coverLeft > 1 && !guessed) {
            guessed = true;
            setTimeout(function () {  /* after the responses already in, if the others are not */
              if (run === generation && coverLeft && attrs) { fetchDoc(tally.leader(attrs)); }
            }, 0);
          }
          arrived(cover);
        }, low);
      };
      load("attrs.json", function (data) { attrs = data; arrived(0); });
      names.forEach(function (name) { if (byShard[name][0] < parsed.scored) { take(name, false); } });
    });
  }

  /* The files a query needs first, asked for as it is typed (before the pause that runs it,
     or the Enter key): manifest.json, then its cover terms' shards. search() takes them from
     the same requests, in flight or done. */
  function prefetch(query) {
    var parsed = parseQuery(query.replace(/^\s+|\s+$/g, ""));
    if (!parsed.scored) { return; }
    load("manifest.json", function (manifest) {
      if (manifest.v !== FORMAT) { return; }
      for (var i = 0; i < parsed.scored; i++) { load(shardName(parsed.terms[i], manifest.shards), function () {}); }
    });
  }

  function readUrl() {
    var query = location.search.replace(/^\?/, "").split("&");
    query.forEach(function (pair) {
      var kv = pair.split("="), name = decodeURIComponent(kv[0] || "");
      var value = decodeURIComponent((kv[1] || "").replace(/\+/g, " "));
      var field = form && form.elements[name];
      if (field && (name === "q" || FILTERS.indexOf(name) >= 0)) { field.value = value; }
    });
  }

  /* The filters fold away on phones (the results start on the first screen); open where
     there is room, or when a filter is in use. The summary says how many are set. */
  function showActiveFilters() {
    if (!filtersBox) { return; }
    var n = 0;
    FILTERS.forEach(function (name) { if (form.elements[name] && form.elements[name].value) { n++; } });
    filtersBox.querySelector(".search-form__active").textContent = n ? "（已选 " + n + " 项）" : "";
    if (n) { filtersBox.open = true; }
  }
  var clear = document.getElementById("search-clear");
  if (clear) {
    clear.addEventListener("click", function () {
      FILTERS.forEach(function (name) { if (form.elements[name]) { form.elements[name].value = ""; } });
      showActiveFilters();
      search();
    });
  }

  var timer = null;
  if (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
    FILTERS.forEach(function (name) {
      if (form.elements[name]) {
        form.elements[name].addEventListener("change", function () { showActiveFilters(); search(); });
      }
    });
    if (input) {
      input.addEventListener("input", function () {
        prefetch(input.value);
        clearTimeout(timer);
        timer = setTimeout(search, 250);
      });
    }
  }
  more.addEventListener("click", function () {
    /* not while a batch is on its way (it would race it) nor before this query is on screen */
    if (!state || state.run !== generation || !state.ranked || state.filling || !state.onScreen) { return; }
    state.pageSize += state.step;
    fillPage(generation);
  });
  readUrl();
  if (filtersBox && window.matchMedia && window.matchMedia("(min-width: 45em)").matches) { filtersBox.open = true; }
  if (form) { showActiveFilters(); }
  /* Every query needs these two; neither depends on the other: ask for both now. */
  load("manifest.json", function () {});
  load("attrs.json", function () {});
  if (input && input.value) { search(); }
}());
