/* Results as you type under the header search form, from /search?format=json.
   Progressive enhancement: the plain GET form keeps working without it. */
(function () {
  "use strict";
  var lang = document.documentElement.lang === "fr" ? "fr" : "en";
  function enhance(form) {
    var input = form.querySelector("input[name=q]");
    if (!input || !window.fetch) return;
    var list = document.createElement("ul");
    list.className = "gx-services gx-search__live";
    var status = document.createElement("p");
    status.className = "gx-visually-hidden";
    status.setAttribute("role", "status");
    form.after(status, list);
    var timer, ctrl;
    function show(data) {
      list.textContent = "";
      data.results.slice(0, 5).forEach(function (r) {
        if (r.url.charAt(0) !== "/") return;
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = r.url; a.textContent = r.title; li.lang = data.results_lang || lang;
        li.append(a); list.append(li);
      });
      status.textContent = data.count_text;  /* "3 results", in the page's language (guichet/search/index.py) */
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { list.textContent = ""; status.textContent = ""; return; }
      timer = setTimeout(function () {
        if (ctrl) ctrl.abort();
        ctrl = new AbortController();
        var data = new URLSearchParams(new FormData(form));
        data.set("format", "json");
        fetch(form.action + "?" + data, { signal: ctrl.signal, headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (d) { if (d) show(d); })
          .catch(function () { list.textContent = ""; });
      }, 300);
    });
  }
  document.querySelectorAll("form[role=search]:not(#search-form)").forEach(enhance);
})();
