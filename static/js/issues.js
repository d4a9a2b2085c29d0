// Issue board: drag a card onto another column to move it. The buttons on each card
// stay the accessible path; dragging only saves clicks on a desktop.
(function () {
  "use strict";

  var dragged = null;

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function showError(html) {
    var area = document.getElementById("flash-messages");
    if (area) { area.innerHTML = html; }
  }

  function moveCard(board, issueId, toStatus) {
    var url = board.dataset.moveUrl.replace(/\/0\/move$/, "/" + issueId + "/move");
    var body = new URLSearchParams({ to_status: toStatus });
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true" },
      body: body
    }).then(function (response) {
      if (response.status === 204) {
        document.body.dispatchEvent(new CustomEvent("issue-moved", { bubbles: true }));
        return;
      }
      return response.text().then(showError);
    }).catch(function () {
      showError('<p class="flash flash--error" role="alert">网络连接失败，请重试。</p>');
    });
  }

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".board-card[data-issue]");
    if (!card) { return; }
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.issue);
  });

  document.addEventListener("dragover", function (event) {
    if (dragged && event.target.closest && event.target.closest(".board__column")) {
      event.preventDefault();
    }
  });

  document.addEventListener("drop", function (event) {
    var column = event.target.closest && event.target.closest(".board__column");
    var board = column && column.closest(".board");
    if (!dragged || !column || !board) { return; }
    event.preventDefault();
    var from = dragged.closest(".board__column");
    if (from !== column) {
      moveCard(board, dragged.dataset.issue, column.dataset.status);
    }
    dragged = null;
  });

  document.addEventListener("dragend", function () { dragged = null; });
})();
