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

  // What a swap brings to say (已报名, 已保存草稿, an error) is read out by the page's one live
  // region, which exists from the start: a live region swapped in with its words is often
  // not read at all. A region marked data-announce-changes (a polled job) speaks only on change.
  var SPOKEN = '[role="status"], [role="alert"], .field__error, [data-announce]';
  var lastSaid = {};
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.target, region = document.getElementById("live-announcer");
    if (!region || !root.querySelectorAll || root.id === "live-announcer") { return; }
    var parts = Array.prototype.slice.call(root.querySelectorAll(SPOKEN));
    if (root.matches(SPOKEN)) { parts.unshift(root); }
    var text = parts.map(function (el) { return el.textContent.replace(/\s+/g, " ").trim(); })
      .filter(Boolean).join(" ");
    if (!text) { return; }
    if (root.hasAttribute("data-announce-changes")) {
      if (lastSaid[root.id] === text) { return; }
      lastSaid[root.id] = text;
    }
    region.textContent = "";  // the same words again (a second save) are read again
    window.setTimeout(function () { region.textContent = text; }, 50);
  });

  // A swap that removes the focused element (a sign-up card becoming 已报名, a board card
  // moving column) would drop keyboard focus to the top of the page: it goes instead to the
  // nearest region around it that is there again after the swap, found by its id.
  var focusHomes = [];
  document.addEventListener("htmx:beforeSwap", function () {
    var active = document.activeElement;
    if (!active || active === document.body) { return; }
    focusHomes = [];
    for (var el = active; el && el !== document.body; el = el.parentElement) {
      if (el.id && el.id !== "main") { focusHomes.push(el.id); }
    }
  });
  document.addEventListener("htmx:afterSettle", function () {
    var ids = focusHomes, active = document.activeElement;
    focusHomes = [];
    if (active && active !== document.body) { return; }
    for (var i = 0; i < ids.length; i++) {
      var home = document.getElementById(ids[i]);
      if (!home) { continue; }
      if (!home.matches("a[href], button, input, select, textarea, [tabindex]")) { home.setAttribute("tabindex", "-1"); }
      home.focus();
      return;
    }
  });

  // A table scrolling in its own box (a phone at 200% zoom) can be scrolled by keyboard too.
  function reachScrollingTables() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-scroll"), function (box) {
      if (box.scrollWidth > box.clientWidth) {
        var heading = (box.closest("section, main") || document).querySelector("h1, h2");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", heading ? heading.textContent.trim() : document.title);
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", reachScrollingTables);
  document.addEventListener("htmx:afterSettle", reachScrollingTables);
  window.addEventListener("resize", reachScrollingTables);

  // A file larger than the server takes is refused as soon as it is picked, before a
  // long upload that would fail: the choice is cleared and the reason shown at the field.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches('input[type="file"][data-max-bytes]')) { return; }
    var limit = parseInt(input.getAttribute("data-max-bytes"), 10);
    var tooLarge = Array.prototype.some.call(input.files || [], function (file) {
      return file.size > limit;
    });
    var wrapper = input.closest(".field");
    var old = wrapper && wrapper.querySelector(".field__error");
    if (old) { old.remove(); }  // it spoke of the previous choice
    if (!tooLarge) {
      var hint = wrapper && wrapper.querySelector(".field__hint");
      if (wrapper) { wrapper.classList.remove("field--invalid"); }
      input.removeAttribute("aria-invalid");
      if (hint && hint.id) { input.setAttribute("aria-describedby", hint.id); }
      else { input.removeAttribute("aria-describedby"); }
      return;
    }
    input.value = "";
    event.stopImmediatePropagation();  // nothing else (an autosave) acts on the refused choice
    if (!wrapper) { return; }
    var message = document.createElement("p");
    message.className = "field__error";
    message.id = input.id + "-error";
    message.setAttribute("data-client", "");
    message.setAttribute("role", "alert");
    message.textContent = input.getAttribute("data-too-large");
    wrapper.appendChild(message);
    wrapper.classList.add("field--invalid");
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", message.id);
  }, true);

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
