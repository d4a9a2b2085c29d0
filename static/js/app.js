// Doorstep's only script: CSRF on htmx requests and small progressive enhancements.
// Kept in a file (no inline script) so the Content-Security-Policy can forbid inline code.
(function () {
  "use strict";

  // Every htmx request carries the CSRF token from the layout's meta tag.
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers["X-CSRFToken"] = meta.content;
    }
  });

  // Inputs kept across a swap (hx-preserve) keep their aria state in step with the new errors.
  document.addEventListener("htmx:afterSwap", function (event) {
    var fields = event.detail.target.querySelectorAll ? event.detail.target.querySelectorAll(".field") : [];
    Array.prototype.forEach.call(fields, function (wrapper) {
      var input = wrapper.querySelector("[hx-preserve]");
      if (!input) { return; }
      var error = wrapper.querySelector(".field__error");
      var hint = wrapper.querySelector(".field__hint");
      if (error) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", error.id);
      } else {
        input.removeAttribute("aria-invalid");
        if (hint && hint.id) { input.setAttribute("aria-describedby", hint.id); }
        else { input.removeAttribute("aria-describedby"); }
      }
    });
  });

  // A network failure leaves a visible message instead of silence.
  document.addEventListener("htmx:sendError", function () {
    var area = document.getElementById("flash-messages");
    if (area) {
      area.innerHTML = "";
      var p = document.createElement("p");
      p.className = "flash flash--error";
      p.setAttribute("role", "alert");
      p.textContent = document.documentElement.lang === "en"
        ? "No connection. Please check the network and try again."
        : "网络连接失败，请检查网络后重试。";
      area.appendChild(p);
    }
  });
})();
