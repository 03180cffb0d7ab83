// The call editor, when JavaScript runs: the scored weights' total follows what is typed.
// Without it the total is written by the server each time the form is shown.
(function () {
  "use strict";
  // On the starting page, choosing which call to copy chooses copying.
  var source = document.getElementById("source");
  var copy = document.querySelector('input[name="start"][value="copy"]');
  if (source && copy) source.addEventListener("change", function () { copy.checked = true; });

  var box = document.getElementById("weights");
  var form = document.querySelector("form.call-form");
  if (!box || !form) return;
  var out = box.querySelector("[data-total]");

  function number(text) {
    var n = parseFloat(String(text).replace(",", ".").replace("%", "").trim());
    return isNaN(n) ? 0 : n;
  }

  function update() {
    var total = 0;
    form.querySelectorAll("input[data-weight]").forEach(function (input) {
      var scored = form.querySelector('input[name="' + input.name.replace(/weight$/, "scored") + '"]');
      if (scored && scored.checked) total += number(input.value);
    });
    total = Math.round(total * 100) / 100;
    var ok = Math.abs(total - 100) < 0.0001;
    out.textContent = box.dataset[ok ? "totalOk" : "totalBad"].replace("{total}", String(total));
    box.classList.toggle("bad", !ok);
    // The server's refusal of the total no longer holds once the weights make 100 %.
    var refusal = document.getElementById("weights-error");
    if (refusal) refusal.hidden = ok;
  }

  form.addEventListener("input", function (e) {
    if (e.target.matches("input[data-weight], input[type=checkbox]")) update();
  });
  form.addEventListener("change", function (e) {
    if (e.target.matches("input[type=checkbox]")) update();
  });
  // What was typed before this script ran (a slow page, a form the browser restored) counts too.
  update();
  var summary = document.getElementById("error-summary");
  if (summary && !document.querySelector("[autofocus]")) summary.focus();
})();
