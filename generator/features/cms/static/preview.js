/* Preview of a policy being edited in /admin/: its 索引号 and what its relations will do.
 *
 * The facts come from relations.json, written at build time by the generator's own engine
 * (generator/cms/admin.py: statuses at the as-of date, the relation kinds of
 * generator/validity.py, the highest 索引号 of each prefix and year); this script only
 * formats them, so the preview and the published site cannot disagree on the rules.
 * Globals CMS, h and createClass are Decap's (decap-cms.js, loaded before this file).
 */
(function () {
  "use strict";
  var facts = null;
  fetch("relations.json", { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (data) { facts = data; });

  function chineseDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
    return m ? m[1] + "年" + Number(m[2]) + "月" + Number(m[3]) + "日" : String(iso || "");
  }

  function list(value) {
    if (!value) return [];
    if (typeof value === "string") return [value];
    return value.toJS ? value.toJS() : value;
  }

  /* One sentence per target of amends / repeals / replaces / invalidates. */
  function consequences(data) {
    var when = data.effective || data.published;
    var out = [];
    Object.keys(facts.kinds).forEach(function (key) {
      list(data[key]).forEach(function (id) {
        var doc = facts.documents[id];
        var name = doc ? "《" + doc.title + "》" + (doc.doc_number ? "（" + doc.doc_number + "）" : "") : id;
        var now = doc ? "，现为" + doc.status : "（本站没有此文件）";
        out.push("将使" + name + "自" + chineseDate(when) + "起" + facts.kinds[key] + now);
      });
    });
    return out;
  }

  function indexNo(data) {
    if (data.index_no) return data.index_no;
    var year = String(data.published || "").slice(0, 4);
    if (!facts.index_no_prefix || !/^\d{4}$/.test(year)) return "发布日期填写后自动生成";
    var head = facts.index_no_prefix + "/" + year;
    var next = (facts.highest_index_no[head] || 0) + 1;
    return head + "-" + String(next).padStart(5, "0") + "（预计，发布时自动生成）";
  }

  var PolicyPreview = createClass({
    render: function () {
      var entry = this.props.entry;
      var data = entry.get("data") ? entry.get("data").toJS() : {};
      if (!facts) return h("p", {}, "正在读取文件关系……");
      var lines = consequences(data);
      return h("article", { lang: "zh-CN", className: "cms-preview" },
        h("h1", {}, data.title || "（未填写标题）"),
        h("dl", {},
          h("dt", {}, "索引号"), h("dd", { "data-preview": "index_no" }, indexNo(data)),
          h("dt", {}, "发文字号"), h("dd", {}, data.doc_number || "—")),
        h("h2", {}, "发布后的效力变化"),
        lines.length
          ? h("ul", { "data-preview": "consequences" }, lines.map(function (t, i) { return h("li", { key: i }, t); }))
          : h("p", { "data-preview": "consequences" }, "本文件不修改、废止或宣布失效其他文件。"),
        h("div", {}, this.props.widgetFor("body")));
    }
  });
  CMS.registerPreviewTemplate("policies", PolicyPreview);
})();
