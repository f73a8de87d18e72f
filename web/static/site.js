// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Share or copy an entry's link (the button stays hidden without JavaScript).
  function setUpShareButtons() {
    document.querySelectorAll("[data-share]").forEach(function (button) {
      var canShare = typeof navigator.share === "function";
      var canCopy = navigator.clipboard && typeof navigator.clipboard.writeText === "function";
      if (!canShare && !canCopy) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        var url = window.location.href.split("?")[0];
        if (canShare) {
          navigator.share({ title: document.title, url: url }).catch(function () {});
          return;
        }
        navigator.clipboard.writeText(url).then(function () {
          var label = button.textContent;
          button.textContent = button.getAttribute("data-copied") || label;
          button.setAttribute("aria-live", "polite");
          window.setTimeout(function () {
            button.textContent = label;
          }, 2000);
        });
      });
    });
  }

  // After a status look-up, move focus to the results so screen readers announce them.
  function focusStatusResults() {
    var results = document.getElementById("results");
    if (results && window.location.search.indexOf("handle=") !== -1) {
      results.focus({ preventScroll: false });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpShareButtons();
    focusStatusResults();
  });
})();
