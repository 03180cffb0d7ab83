// The desk's "select all": one box in the table's head ticks every proposal of the page that
// waits for the check. The page works without it: each box is ticked by hand.
(function () {
  "use strict";
  var cell = document.getElementById("pick-all-cell");
  if (!cell) { return; }
  var boxes = document.querySelectorAll('input[name="ids"]');
  if (!boxes.length) { return; }
  var all = document.createElement("input");
  all.type = "checkbox";
  all.id = "pick-all";
  all.setAttribute("aria-label", cell.dataset.label);
  cell.textContent = "";
  cell.appendChild(all);
  all.addEventListener("change", function () {
    boxes.forEach(function (box) { box.checked = all.checked; });
  });
  function reflect() {  // all, none, or some ticked by hand
    var ticked = Array.prototype.filter.call(boxes, function (box) { return box.checked; });
    all.checked = ticked.length === boxes.length;
    all.indeterminate = ticked.length > 0 && ticked.length < boxes.length;
  }
  boxes.forEach(function (box) { box.addEventListener("change", reflect); });
  reflect();
})();
