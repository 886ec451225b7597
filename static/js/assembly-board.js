// The assembly board's dragging: SortableJS (vendored) lets cards be dragged within a page, between
// pages and to and from the pool; each drop is sent as a move with htmx. The server answers with what
// the move changed (the pages it touched, the pool, the board's version), swapped in place, or with the
// whole board as it is when it refuses the move. The buttons on each card make the same moves without a
// mouse. Every request from the board carries the version of the board the editor is looking at.
(function () {
  "use strict";

  function version() {
    var found = document.getElementById("board-version");
    return found ? found.dataset.version : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt.closest && event.detail.elt.closest("#board")) {
      event.detail.parameters.version = version();
    }
  });

  function send(board, card, list, index) {
    window.htmx.ajax("POST", board.dataset.moveUrl, {
      source: card,
      swap: "none",
      values: {
        kind: card.dataset.kind,
        id: card.dataset.id,
        page: list.dataset.page || "pool",
        position: list.dataset.page ? index + 1 : "",
      },
    });
  }

  function prepare() {
    var board = document.getElementById("board");
    if (!board || !window.Sortable) {
      return;
    }
    board.querySelectorAll(".board__list").forEach(function (list) {
      if (list.dataset.sortable) {
        return;
      }
      list.dataset.sortable = "1";
      window.Sortable.create(list, {
        group: "board-" + list.dataset.kind,
        animation: 120,
        // Pointer events rather than the browser's own drag and drop: the same on touch screens.
        forceFallback: true,
        filter: "select, button, input, option",
        preventOnFilter: false,
        onEnd: function (event) {
          if (event.from === event.to && event.oldIndex === event.newIndex) {
            return;
          }
          send(board, event.item, event.to, event.newIndex);
        },
      });
    });
  }

  document.addEventListener("DOMContentLoaded", prepare);
  document.addEventListener("htmx:afterSettle", prepare);
  document.addEventListener("htmx:oobAfterSwap", prepare);
})();
