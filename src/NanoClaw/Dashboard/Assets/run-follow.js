// Live output of a running run: lines from /runs/{id}/output (server-sent events) are appended to
// the fixed-height output box as text, never as HTML; the end event's status replaces the badge.
// Without this script the page shows the output so far and a reload link.
(function () {
  "use strict";

  // Terminal escapes and control characters, as Dashboard/TerminalText.cs drops them.
  var escapes = /\x1b\[[0-?]*[ -\/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|[\x00-\x08\x0b-\x1f\x7f]/g;
  // The box keeps the newest lines only, so a chatty run never grows the page without bound.
  var maxLines = 5000;

  function follow(box) {
    var url = box.getAttribute("data-follow");
    var status = document.querySelector("#run-status .badge");
    var note = document.getElementById("run-follow-note");
    var lines = [];
    var pending = false;
    var source = new EventSource(url);

    function render() {
      pending = false;
      var atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 4;
      box.textContent = lines.join("\n");
      if (atBottom) box.scrollTop = box.scrollHeight;
    }

    function say(text) {
      if (note) note.textContent = text;
    }

    // The stream starts from the first line: what the server rendered is replaced, not repeated.
    source.onopen = function () { lines = []; say("Following live output…"); };
    source.onmessage = function (e) {
      lines.push(e.data.replace(escapes, ""));
      if (lines.length > maxLines) lines.splice(0, lines.length - maxLines);
      if (!pending) { pending = true; window.requestAnimationFrame(render); }
    };
    source.addEventListener("end", function (e) {
      source.close();
      render();
      var end = {};
      try { end = JSON.parse(e.data); } catch (_) { /* keep the page as it is */ }
      if (status && typeof end.status === "string") {
        status.textContent = end.status;
        status.className = "badge badge-" + (end.status === "succeeded" ? "ok"
          : end.status === "failed" || end.status === "timed_out" ? "bad"
          : "muted");
      }
      say("The run has ended: " + (end.status || "unknown")
        + (typeof end.exitCode === "number" ? " (exit code " + end.exitCode + ")" : "")
        + ". Reload the page for its timing and result.");
    });
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) say("Live output stopped; reload the page to see the rest.");
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("pre[data-follow]");
    if (box && window.EventSource) follow(box);
  });
})();
