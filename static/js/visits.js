/* Visits without signal: a visit form that cannot reach the server is kept in this phone's
   localStorage, shown as waiting, and sent when the network is back. Every visit carries the
   id in its client_id field (made here, or on the server for a page without JavaScript), so
   a visit sent twice is stored once. Without JavaScript the forms post as usual. */
(function () {
  "use strict";
  var KEY = "doorstep.visits.queue";
  var RETRY_MS = 20000;
  var sending = false;

  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY)) || []; } catch (e) { return []; }
  }
  function save(queue) { window.localStorage.setItem(KEY, JSON.stringify(queue)); }

  function newId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function words(name) {
    var box = document.getElementById("visits-queue");
    return (box && box.getAttribute("data-" + name)) || "";
  }

  function render() {
    var box = document.getElementById("visits-queue");
    var list = document.getElementById("visits-waiting");
    if (!box || !list) { return; }
    var queue = load();
    list.textContent = "";
    queue.forEach(function (item) {
      var li = document.createElement("li");
      li.textContent = item.address + " · " + item.outcome + " · " + (item.failed ? words("failed") : words("waiting"));
      li.setAttribute("data-client-id", item.id);
      list.appendChild(li);
      var row = document.getElementById("h" + item.household);
      var state = row && row.querySelector("[data-state]");
      if (state) { state.textContent = words("waiting"); state.className = "state state--waiting"; }
    });
    box.hidden = queue.length === 0;
  }

  function freshToken(body) {
    // The token in a stored form may have expired: send the one of the page now open.
    var meta = document.querySelector('meta[name="csrf-token"]');
    var params = new URLSearchParams(body);
    if (meta) { params.set("csrf_token", meta.getAttribute("content")); }
    return params.toString();
  }

  function post(action, body) {
    return window.fetch(action, {
      method: "POST", body: body, credentials: "same-origin", redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Visit-Queue": "1" }
    });
  }

  // Only a 204 means stored: a redirect (to the login page, when the session has ended) or a
  // refusal keeps the visit on the phone.
  function stored(response) { return response.status === 204; }

  function flush() {
    var queue = load().filter(function (item) { return !item.failed; });
    if (sending || !queue.length) { return; }
    sending = true;
    var item = queue[0];
    post(item.action, freshToken(item.body)).then(function (response) {
      sending = false;
      if (response.type === "opaqueredirect") { return; }  // signed out: keep it, try later
      var rest = load();
      if (stored(response)) {
        rest = rest.filter(function (other) { return other.id !== item.id; });
        markSent(item);
      } else {
        rest.forEach(function (other) { if (other.id === item.id) { other.failed = true; } });
      }
      save(rest);
      render();
      flush();
    }, function () { sending = false; });
  }

  function markSent(item) {
    var row = document.getElementById("h" + item.household);
    var state = row && row.querySelector("[data-state]");
    if (state) { state.textContent = words("sent"); state.className = "state state--visited"; }
  }

  function outcomeWords(form) {
    var checked = form.querySelector('input[name="outcome"]:checked');
    var label = checked && checked.closest("label");
    return label ? label.textContent.trim() : "";
  }

  function keep(form, body) {
    var queue = load();
    var row = form.closest("[data-household]");
    queue.push({ id: new URLSearchParams(body).get("client_id"), action: form.action, body: body,
                 household: row ? row.getAttribute("data-household") : "",
                 address: form.getAttribute("data-address") || "", outcome: outcomeWords(form) });
    save(queue);
    form.reset();
    form.querySelector("input[name=client_id]").value = newId();
    var details = form.closest("details");
    if (details) { details.open = false; }
    render();
  }

  function onSubmit(event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("visit-form") || form.dataset.native) { return; }
    event.preventDefault();
    var body = new URLSearchParams(new FormData(form)).toString();
    if (!navigator.onLine) { keep(form, body); return; }
    post(form.action, body).then(function (response) {
      if (stored(response)) {
        window.location.href = window.location.pathname + window.location.search +
          "#" + (form.closest("[data-household]") || { id: "" }).id;
        window.location.reload();
        return;
      }
      // Refused (a temperature of 200 ℃ …): post it as a page, which shows the errors.
      form.dataset.native = "1";
      form.submit();
    }, function () { keep(form, body); });
  }

  document.addEventListener("submit", onSubmit);
  window.addEventListener("online", flush);
  document.addEventListener("DOMContentLoaded", function () {
    render();
    if (navigator.onLine) { flush(); }
    window.setInterval(function () { if (navigator.onLine) { flush(); } }, RETRY_MS);
  });
})();
