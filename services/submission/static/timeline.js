// Keeps a proposal's timeline, status and "what happens next" current without a reload.
// The page works without it: this only adds what arrived since it was rendered.
(function () {
  "use strict";
  var list = document.getElementById("timeline");
  if (!list || list.dataset.live !== "yes") { return; }
  var texts = JSON.parse(document.getElementById("status-texts").textContent || "{}");
  var badge = document.getElementById("status");
  var next = document.getElementById("next-step");
  var seen = list.children.length;
  var quietRounds = 0;

  function pad(n) { return String(n).padStart(2, "0"); }
  function wib(iso) {  // the same clock the server prints: UTC+7, all year
    var d = new Date(Date.parse(iso) + 7 * 3600 * 1000);
    return pad(d.getUTCDate()) + "-" + pad(d.getUTCMonth() + 1) + "-" + d.getUTCFullYear() + " " +
      pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + ":" + pad(d.getUTCSeconds()) + " WIB";
  }
  function getJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }
  function addItems(items) {
    for (var i = seen; i < items.length; i++) {
      var item = items[i];
      var li = document.createElement("li");
      li.dataset.event = item.event;
      var time = document.createElement("time");
      time.dateTime = item.at;
      time.textContent = item.shown_at || wib(item.at);  // the server's words, as on the page
      li.appendChild(time);
      li.appendChild(document.createTextNode(" " + item.detail));
      if (item.link) {
        var a = document.createElement("a");
        a.href = item.link;
        a.textContent = list.dataset.download;
        li.appendChild(document.createTextNode(" "));
        li.appendChild(a);
      }
      list.appendChild(li);
    }
    var grew = items.length > seen;
    seen = items.length;
    return grew;
  }
  function showStatus(proposal) {
    var text = texts[proposal.status];
    if (!text || !badge) { return; }
    badge.textContent = text.label;
    badge.className = "badge " + proposal.status;
    if (next) { next.textContent = text.next; }
  }
  function poll() {
    getJson(list.dataset.source)
      .then(function (items) {
        if (addItems(items)) {
          quietRounds = 0;
          return getJson(list.dataset.proposal).then(showStatus);
        }
        quietRounds += 1;
      })
      .catch(function () { quietRounds += 1; })
      .finally(function () { setTimeout(poll, quietRounds > 30 ? 10000 : 1500); });
  }
  setTimeout(poll, 1000);
})();
