// The assembly board's dragging: SortableJS (vendored) lets cards be dragged within a page, between
// pages and to and from the pool; each drop is sent as a move with htmx, and the server answers with the
// board as it now is (or refuses it, showing the board as it is). The buttons on each card make the same
// moves without a mouse. htmx swaps the board in; the lists are made sortable again after each swap.
(function () {
  "use strict";

  function send(board, card, list, index) {
    window.htmx.ajax("POST", board.dataset.moveUrl, {
      source: board,
      target: "#board",
      swap: "outerHTML",
      values: {
        kind: card.dataset.kind,
        id: card.dataset.id,
        page: list.dataset.page,
        position: list.dataset.page ? index + 1 : "",
        version: board.dataset.version,
      },
    });
  }

  function prepare() {
    var board = document.getElementById("board");
    if (!board || !window.Sortable) {
      return;
    }
    board.querySelectorAll(".board__list").forEach(function (list) {
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
  document.addEventListener("htmx:afterSwap", prepare);
})();
