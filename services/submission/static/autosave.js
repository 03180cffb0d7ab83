// Live word counters for every counted text, and the draft saving itself as you type.
// Without this script the page still works: the server counts and the Save button saves.
(function () {
  "use strict";
  var textsNode = document.getElementById("counter-texts");
  var texts = textsNode ? JSON.parse(textsNode.textContent || "{}") : {};
  var WORD = /\S+/g;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }
  function countWords(text) { var m = text.match(WORD); return m ? m.length : 0; }
  // The text up to the end of its `limit`-th word: what stays when typing goes past the limit.
  function cutAt(text, limit) {
    WORD.lastIndex = 0;
    var match, n = 0, end = 0;
    while ((match = WORD.exec(text)) !== null) {
      n += 1;
      end = match.index + match[0].length;
      if (n === limit) { return text.slice(0, end); }
    }
    return text;
  }

  function counter(area) {
    var out = document.getElementById(area.id + "-count");
    var max = parseInt(area.dataset.maxWords || "", 10);
    var min = parseInt(area.dataset.minWords || "", 10);
    function update(event) {
      var n = countWords(area.value);
      var capped = false;
      if (max && n > max && event) {  // the counter stops at the limit: extra words are not kept
        area.value = cutAt(area.value, max);
        n = max;
        capped = true;
      }
      var text = max ? fill(texts.words || "{n} / {max}", { n: n, max: max })
                     : fill(texts.words_min || "{n}", { n: n, min: min || 0 });
      if (capped) { text += " — " + (texts.limit || ""); }
      out.textContent = text;
      out.classList.toggle("over", capped);
      out.classList.toggle("under", !!min && n > 0 && n < min);
    }
    area.addEventListener("input", update);
    update(null);
    area.dataset.counted = "yes";  // counting from here on (tests wait for it)
  }
  Array.prototype.forEach.call(document.querySelectorAll("textarea.counted"), counter);

  var form = document.getElementById("draft-form");
  if (!form || form.dataset.autosave !== "yes" || !window.fetch) { return; }
  var status = document.getElementById("autosave-status");
  var timer = null;
  var edits = 0;  // `data-state` is "saved" only when the server has the latest edit
  var token = form.querySelector("input[name=csrf_token]");

  function save() {
    timer = null;
    var sent = edits;
    form.dataset.state = "saving";
    if (status) { status.textContent = texts.saving || ""; }
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Autosave": "1", "X-CSRF-Token": token ? token.value : "", "Accept": "application/json" }
    }).then(function (r) { return r.json(); }).then(function (reply) {
      if (reply.saved && sent === edits) { form.dataset.state = "saved"; }
      if (!status) { return; }
      if (reply.saved) {
        status.textContent = reply.message;
      } else {
        var first = Object.keys(reply.fields || {})[0];
        status.textContent = (texts.not_saved || "") + (first ? " " + first + ": " + reply.fields[first] : "");
      }
    }).catch(function () { if (status) { status.textContent = texts.not_saved || ""; } });
  }
  function later() {
    edits += 1;
    form.dataset.state = "dirty";
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, 1200);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
