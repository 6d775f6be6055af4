/* Results as you type under the header search form, from /search?format=json (docs/search.md).
   Progressive enhancement: the plain GET form works without it. No City service answers: it says
   so, where to go instead, what is related and the help line; every word comes from the JSON. */
(function () {
  "use strict";
  var lang = document.documentElement.lang === "fr" ? "fr" : "en";
  function el(tag, text, href) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (href) e.href = href;
    return e;
  }
  function links(items, shown) {
    var list = el("ul");
    list.className = "gx-services";
    items.slice(0, 5).forEach(function (r) {
      if (r.url.charAt(0) !== "/") return;
      var li = el("li");
      li.lang = shown; li.append(el("a", r.title, r.url)); list.append(li);
    });
    return list;
  }
  function enhance(form) {
    var input = form.querySelector("input[name=q]");
    if (!input || !window.fetch) return;
    var box = el("div"), status = el("p"), timer, ctrl;
    box.className = "gx-search__live";
    status.className = "gx-visually-hidden";
    status.setAttribute("role", "status");
    form.after(status, box);
    function show(d) {
      var shown = d.results_lang || lang, p;
      box.textContent = "";
      box.append(d.results.length ? links(d.results, shown) : el("p", d.none_text));
      (d.elsewhere || []).forEach(function (e) {
        if (!/^https:\/\//.test(e.url)) return;
        p = el("p", e.explanation + " "); p.lang = shown;
        p.append(el("a", e.link_text, e.url)); box.append(p);
      });
      if (d.related && d.related.length) box.append(el("p", d.related_heading), links(d.related, shown));
      if (d.help) box.append(el("p").appendChild(el("a", d.help.a_z_text, d.help.a_z_url)).parentNode, el("p", d.help.help_text));
      status.textContent = d.results.length ? d.count_text : d.none_text;  /* in the page's language */
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { box.textContent = ""; status.textContent = ""; return; }
      timer = setTimeout(function () {
        if (ctrl) ctrl.abort();
        ctrl = new AbortController();
        var data = new URLSearchParams(new FormData(form));
        data.set("format", "json");
        fetch(form.action + "?" + data, { signal: ctrl.signal, headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (d) { if (d) show(d); })
          .catch(function () { box.textContent = ""; });
      }, 300);
    });
  }
  document.querySelectorAll("form[role=search]:not(#search-form)").forEach(enhance);
})();
/* Page feedback (forms_app/feedback): "Yes" is sent without leaving the page; "No" goes on to its question. */
(function () {
  var f = document.querySelector("form.gx-feedback");
  if (!f || !window.fetch) return;
  function sent(e) {
    var b = e.submitter;
    if (!b || b.value !== "1") return;
    e.preventDefault();
    var d = new FormData(f);
    d.set("helpful", "1");
    // the answer is stored before the redirect to the thanks page, which is not fetched
    fetch(f.action, { method: "POST", body: d, redirect: "manual" }).then(function (r) {
      if (r.type !== "opaqueredirect") throw r;
      var p = document.createElement("p");
      p.setAttribute("role", "status");
      p.textContent = f.dataset.thanks;
      f.replaceWith(p);
    }).catch(function () { f.removeEventListener("submit", sent); b.click(); });
  }
  f.addEventListener("submit", sent);
})();
