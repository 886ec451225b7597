// Keeps the note "also open now" true: renews it while the story is open, drops it when the page closes.
(function () {
  "use strict";
  var note = document.getElementById("presence-heartbeat");
  var form = document.getElementById("article_form");
  if (!note || !form) {
    return;
  }
  var url = note.dataset.url;
  var seconds = parseInt(note.dataset.seconds, 10) * 1000;
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function body(leaving) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token);
    if (leaving) {
      data.append("leave", "1");
    }
    return data;
  }

  var timer = window.setInterval(function () {
    fetch(url, { method: "POST", body: body(false), credentials: "same-origin" });
  }, seconds);
  window.addEventListener("pagehide", function () {
    window.clearInterval(timer);
    navigator.sendBeacon(url, body(true));
  });
})();
