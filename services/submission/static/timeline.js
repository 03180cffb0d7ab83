// Keeps a proposal's timeline current without a reload (the page works without it too).
(function () {
  "use strict";
  var list = document.getElementById("timeline");
  if (!list || list.dataset.live !== "yes") { return; }
  var seen = list.children.length;
  var quietRounds = 0;

  function pad(n) { return String(n).padStart(2, "0"); }
  function stamp(iso) {
    var d = new Date(iso);
    return pad(d.getDate()) + "-" + pad(d.getMonth() + 1) + "-" + d.getFullYear() + " " +
      pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
  }
  function render(items) {
    for (var i = seen; i < items.length; i++) {
      var item = items[i];
      var li = document.createElement("li");
      li.dataset.event = item.event;
      var time = document.createElement("time");
      time.dateTime = item.at;
      time.textContent = stamp(item.at);
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
    quietRounds = items.length > seen ? 0 : quietRounds + 1;
    seen = items.length;
  }
  function poll() {
    fetch(list.dataset.source, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(render)
      .catch(function () { quietRounds += 1; })
      .finally(function () { setTimeout(poll, quietRounds > 30 ? 10000 : 1500); });
  }
  setTimeout(poll, 1000);
})();
