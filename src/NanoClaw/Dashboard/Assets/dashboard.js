// The dashboard's own script: small on purpose; every page works without it.
(function () {
  "use strict";

  // Times are rendered in UTC (datetime attribute and hover title); show them in the viewer's zone.
  function localTimes(root) {
    root.querySelectorAll("time[datetime]").forEach(function (el) {
      var at = new Date(el.getAttribute("datetime"));
      if (isNaN(at)) return;
      el.textContent = at.toLocaleString(undefined, {
        year: "numeric", month: "2-digit", day: "2-digit",
        hour: "2-digit", minute: "2-digit", second: "2-digit",
        timeZoneName: "short"
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { localTimes(document); });
  document.addEventListener("htmx:afterSwap", function (e) { localTimes(e.target); });

  // htmx requests carry the page's anti-forgery token in the header the server checks
  // (X-NanoClaw-Antiforgery), so an hx-post needs no hidden field of its own.
  document.addEventListener("htmx:configRequest", function (e) {
    var meta = document.querySelector('meta[name="nanoclaw-antiforgery"]');
    if (meta) e.detail.headers["X-NanoClaw-Antiforgery"] = meta.getAttribute("content");
  });

  // A refused htmx request (an expired form) says why in X-NanoClaw-Error; htmx swaps nothing in
  // for an error, so the text is shown here, where screen readers announce it.
  document.addEventListener("htmx:responseError", function (e) {
    var text = e.detail.xhr.getResponseHeader("X-NanoClaw-Error");
    if (!text) return;
    var box = document.getElementById("nanoclaw-error");
    if (!box) {
      box = document.createElement("p");
      box.id = "nanoclaw-error";
      box.className = "error";
      box.setAttribute("role", "alert");
      (document.getElementById("main") || document.body).prepend(box);
    }
    box.textContent = text;
  });
})();
