// The score form, as the evaluator types: the weighted total so far, and the draft saving
// itself. Without this script the form still works: Save draft and Submit post it.
(function () {
  "use strict";
  var form = document.getElementById("score-form");
  if (!form) { return; }
  var texts = JSON.parse(document.getElementById("score-texts").textContent || "{}");
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input.score[data-weight]"));
  var out = document.getElementById("running-total");
  var counted = document.getElementById("scored-count");
  var status = document.getElementById("autosave-status");
  var language = document.documentElement.lang === "en" ? "en" : "id";
  var decimals = new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var clock = new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit" });

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }
  function valueOf(input) {
    var raw = input.value.trim().replace(",", ".");
    return raw === "" || isNaN(Number(raw)) ? null : Number(raw);
  }

  // Σ weight·score / Σ weight over the aspects scored so far: the server's total once all are.
  function total() {
    var sum = 0, weights = 0, given = 0;
    inputs.forEach(function (input) {
      var value = valueOf(input), weight = parseFloat(input.dataset.weight);
      if (value === null) { return; }
      sum += weight * value; weights += weight; given += 1;
    });
    out.textContent = weights > 0 ? decimals.format(sum / weights) : "–";
    counted.textContent = fill(texts.scored || "", { n: given, m: inputs.length });
  }

  var timer = null, edits = 0, token = form.querySelector("input[name=csrf_token]");
  function say(text) { status.textContent = text; }
  function save() {
    timer = null;
    var sent = edits, body = new FormData(form);
    body.set("action", "draft");
    form.dataset.state = "saving";
    say(texts.saving || "");
    // (not `form.action`: the buttons named "action" shadow it)
    fetch(form.getAttribute("action"), {
      method: "POST", body: body, credentials: "same-origin", redirect: "manual",
      headers: { "X-Autosave": "1", "X-CSRFToken": token ? token.value : "" }
    }).then(function (reply) {
      if (reply.status === 204) {
        say(fill(texts.saved || "", { time: clock.format(new Date()) }));
        if (sent === edits) { form.dataset.state = "saved"; }
      } else {
        form.dataset.state = "invalid";
        say(texts.invalid || "");
      }
    }).catch(function () {
      form.dataset.state = "offline";
      say(texts.offline || "");
    });
  }
  // The band the typed score falls in, marked among the call's descriptors beside the field.
  function mark(input) {
    var list = document.getElementById("bands-" + input.id.replace(/^score-/, ""));
    if (!list) { return; }
    var value = valueOf(input);
    Array.prototype.forEach.call(list.children, function (item) {
      var low = Number(item.dataset.low), high = Number(item.dataset.high);
      var held = value !== null && value >= low && value < high + 1;
      item.classList.toggle("current", held);
      if (held) { item.setAttribute("aria-current", "true"); } else { item.removeAttribute("aria-current"); }
    });
  }
  form.addEventListener("input", function (event) {
    if (event.target.matches("input.score")) { total(); mark(event.target); }
    edits += 1;
    form.dataset.state = "editing";
    if (timer) { clearTimeout(timer); }
    if (window.fetch && window.FormData) { timer = setTimeout(save, 1200); }
  });
  total();
  inputs.forEach(mark);
  form.dataset.ready = "yes";
})();
