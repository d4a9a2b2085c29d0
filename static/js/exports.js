/* Exports: the download starts at once (the file streams); meanwhile the page says it is
   being prepared. Without JavaScript the forms post as usual and the browser shows the download. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var status = document.getElementById("exports-status");
    if (!form.classList || !form.classList.contains("export-form") || !status) { return; }
    status.textContent = form.getAttribute("data-title") + "：" + status.getAttribute("data-preparing");
  });
})();
