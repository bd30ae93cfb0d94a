// Live conversation: new messages arrive over the page's socket; the form sends without reloading. Without
// JavaScript the same form posts and the page reloads, so everything here is an improvement, never a requirement.
(function () {
  "use strict";
  var chat = document.getElementById("chat");
  if (!chat || !window.WebSocket || !window.fetch) return;
  var id = chat.getAttribute("data-conversation");
  var list = chat.querySelector("ol.messages");
  var form = chat.querySelector("form.send-form");
  var status = chat.querySelector(".live-status");
  var lastSeq = parseInt(chat.getAttribute("data-last-seq"), 10) || 0;
  var me = (document.querySelector("meta[name=member-id]") || {}).content;
  var socket = null, retry = 0;

  function say(text) { if (status) status.textContent = text; }

  function append(m) {
    if (list.querySelector('[data-seq="' + m.seq + '"]')) return;
    var empty = chat.querySelector(".empty");
    if (empty) empty.remove();
    var li = document.createElement("li");
    li.id = "message-" + m.seq;
    li.className = "message" + (m.senderId === me ? " mine" : "");
    li.setAttribute("data-seq", m.seq);
    var who = document.createElement("p");
    who.className = "who";
    var name = document.createElement("strong");
    name.textContent = m.senderId === me ? "You" : m.senderName;
    var when = document.createElement("span");
    when.className = "muted";
    when.textContent = " " + (m.when || "just now");
    who.appendChild(name); who.appendChild(when); li.appendChild(who);
    if (m.text) {
      var p = document.createElement("p");
      p.className = "text wrap-text";
      p.textContent = m.text;
      li.appendChild(p);
    }
    if (m.attachments && m.attachments.length) {
      var ul = document.createElement("ul");
      ul.className = "files";
      m.attachments.forEach(function (f) {
        var item = document.createElement("li");
        var a = document.createElement("a");
        a.href = f.url;
        if (f.contentType.indexOf("image/") === 0) {
          var img = document.createElement("img");
          img.src = f.url; img.alt = f.fileName; img.loading = "lazy";
          a.appendChild(img);
        } else {
          a.textContent = f.fileName; a.setAttribute("download", "");
        }
        item.appendChild(a);
        ul.appendChild(item);
      });
      li.appendChild(ul);
    }
    // Keep the list in order even if a reply and a live frame cross.
    var after = null;
    list.querySelectorAll("li[data-seq]").forEach(function (el) {
      if (!after && parseInt(el.getAttribute("data-seq"), 10) > m.seq) after = el;
    });
    list.insertBefore(li, after);
    if (m.seq > lastSeq) lastSeq = m.seq;
    chat.setAttribute("data-last-seq", lastSeq);
    if (m.senderId !== me) li.scrollIntoView({ block: "nearest" });
  }

  function markRead() {
    if (socket && socket.readyState === 1 && document.visibilityState === "visible") {
      socket.send(JSON.stringify({ type: "read", seq: lastSeq }));
    }
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/messages/" + id + "/live?since=" + lastSeq);
    socket.onopen = function () { retry = 0; };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === "ready") { chat.setAttribute("data-live", "on"); say(""); }
      if (frame.type === "message") { append(frame.data); markRead(); }
      if (frame.type === "error") { say(frame.data.message); }
    };
    socket.onclose = function () {
      chat.setAttribute("data-live", "off");
      retry = Math.min(retry + 1, 6);
      say("Reconnecting…");
      setTimeout(connect, 500 * retry * retry);
    };
  }

  document.addEventListener("visibilitychange", markRead);

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(form);
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      say("Sending…");
      fetch(form.action, { method: "POST", body: data, headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          return response.json().then(function (body) { return { ok: response.ok, body: body }; });
        })
        .then(function (result) {
          button.disabled = false;
          if (!result.ok) { say(result.body && result.body.error ? result.body.error.message : "Not sent."); return; }
          append(result.body);
          form.querySelector("textarea").value = "";
          var files = form.querySelector("input[type=file]");
          if (files) files.value = "";
          // The next message is a new one: a new key, so that only a retry of this one is recognised as such.
          form.querySelector("input[name=clientKey]").value = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random();
          say("Sent.");
        })
        .catch(function () { button.disabled = false; say("Not sent: check your connection and try again."); });
    });
  }

  connect();
})();
