// The dashboard's cards are framed pages of the services that own their numbers. Each frame
// grows to its page's height, so a card never scrolls inside itself; without this script a
// frame keeps the stylesheet's height and scrolls.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("iframe.figure-card"), function (frame) {
    function fit() {
      try {
        var page = frame.contentDocument && frame.contentDocument.documentElement;
        if (page) { frame.style.height = page.scrollHeight + 2 + "px"; }
      } catch (e) { /* another origin: keep the stylesheet's height */ }
    }
    frame.addEventListener("load", fit);
    window.addEventListener("resize", fit);
    fit();
  });
})();
