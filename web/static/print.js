// Opens the browser's print dialog once the page has loaded (print, or save as PDF).
// Loaded only by the console's "print the jury protocol" link.
window.addEventListener("load", function () {
  "use strict";
  window.print();
});
