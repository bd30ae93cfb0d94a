// A signed-in member's pages keep their unread count current over one socket per page.
(function () {
  "use strict";
  var badge = document.querySelector("[data-unread-messages]");
  if (!badge || !window.WebSocket) return;
  var retry = 0;
  function show(n) {
    badge.textContent = n > 0 ? String(n) : "";
    badge.hidden = !(n > 0);
    badge.setAttribute("aria-label", n === 1 ? "1 unread message" : n + " unread messages");
  }
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/live");
    socket.onopen = function () { retry = 0; };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === "unread") show(frame.data.messages);
    };
    socket.onclose = function () { retry = Math.min(retry + 1, 6); setTimeout(connect, 1000 * retry * retry); };
  }
  connect();
})();
