// Interviews pages: the conversation timer and the live request-draft check. Plain JavaScript; the pages work without it.
(function () {
  "use strict";

  // The timer counts down the agreed minutes. In the last minutes it offers to end on time; after that,
  // it says to stay longer only if invited. data-speed (tests only) makes one real second count as several.
  var timer = document.getElementById("timer");
  if (timer) {
    var minutes = parseInt(timer.dataset.minutes, 10) || 20;
    var speed = Math.max(1, parseInt(timer.dataset.speed, 10) || 1);
    var wrapUp = parseInt(timer.dataset.wrapUp, 10) || 180;
    var clock = document.getElementById("timer-clock");
    var phase = document.getElementById("timer-phase");
    var wrap = document.getElementById("timer-wrap");
    var over = document.getElementById("timer-over");
    var start = document.getElementById("timer-start");
    var startedAt = null, handle = null;

    function fmt(seconds) {
      var s = Math.abs(Math.floor(seconds));
      var m = Math.floor(s / 60), r = s % 60;
      return (seconds < 0 ? "+" : "") + m + ":" + (r < 10 ? "0" : "") + r;
    }

    function tick() {
      var elapsed = (Date.now() - startedAt) / 1000 * speed;
      var remaining = minutes * 60 - elapsed;
      clock.textContent = fmt(remaining);
      var state = remaining <= 0 ? "overtime" : remaining <= wrapUp ? "wrap-up" : "running";
      if (phase.dataset.phase !== state) {
        phase.dataset.phase = state;
        timer.dataset.phase = state;
        phase.textContent = state === "running" ? "Running." : state === "wrap-up" ? "Time to wrap up." : "Time is up.";
        wrap.hidden = state !== "wrap-up";
        over.hidden = state !== "overtime";
      }
    }

    function run(from) {
      if (handle) { clearInterval(handle); }
      startedAt = from;
      phase.dataset.phase = "";
      tick();
      handle = setInterval(tick, 250);
      start.textContent = "Restart the timer";
    }

    // A conversation already under way (the page was reloaded) carries on where it was.
    if (timer.dataset.elapsed && speed === 1) {
      run(Date.now() - parseInt(timer.dataset.elapsed, 10) * 1000);
    }

    var startForm = document.getElementById("start-form");
    startForm.addEventListener("submit", function (event) {
      event.preventDefault();
      run(Date.now());
      // Record the start on the server too (so a reload resumes); the timer runs either way.
      if (window.fetch) {
        var token = document.querySelector("meta[name=csrf-token]");
        fetch(startForm.action, {
          method: "POST", body: new URLSearchParams(new FormData(startForm)), credentials: "same-origin",
          headers: { "Accept": "application/json", "X-CSRF-Token": token ? token.content : "" }
        }).catch(function () {});
      }
    });
  }

  // Live draft check: posts the draft to the page's check route (same session, CSRF header) and shows the warnings.
  var form = document.getElementById("draft-form");
  if (form && window.fetch) {
    var box = document.getElementById("draft-warnings");
    var body = document.getElementById("draft-body");
    var subject = document.getElementById("draft-subject");
    var words = document.getElementById("word-count");
    var token = document.querySelector("meta[name=csrf-token]");
    var pending = null;

    function countWords() {
      var n = body.value.trim() ? body.value.trim().split(/\s+/).length : 0;
      words.textContent = n + " words (aim for 50 to 125)";
    }

    function render(warnings) {
      box.textContent = "";
      if (!warnings.length) {
        var ok = document.createElement("p");
        ok.className = "ok-text";
        ok.textContent = "No warnings: the draft follows the method.";
        box.appendChild(ok);
        return;
      }
      var ul = document.createElement("ul");
      ul.className = "warnings";
      warnings.forEach(function (w) {
        var li = document.createElement("li");
        li.dataset.code = w.code;
        li.textContent = w.message; // text only: never HTML from the server or the draft
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }

    function check() {
      var data = new URLSearchParams(new FormData(form));
      fetch(form.action, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRF-Token": token ? token.content : "" }
      }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (json) { if (json) { render(json.warnings); } })
        .catch(function () { /* the form still works */ });
    }

    function schedule() {
      countWords();
      clearTimeout(pending);
      pending = setTimeout(check, 400);
    }
    body.addEventListener("input", schedule);
    subject.addEventListener("input", schedule);
    countWords();
  }
})();
