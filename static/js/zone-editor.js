// The zone editor: the page image with its zones as boxes to link, move, resize, add, delete, split and
// merge. Positions are shares of the page (0 to 1) from its top left, as the server keeps them; the
// whole set is posted on save. interact.js (vendored) does the dragging and resizing.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("zone-editor-data").textContent);
  var sheet = document.getElementById("zone-sheet");
  if (!sheet) {
    return;
  }
  var labels = {};
  data.items.forEach(function (item) {
    labels[item.key] = item.label;
  });
  var zones = data.zones.map(function (zone) {
    return { item: zone.item, x: zone.x, y: zone.y, w: zone.w, h: zone.h };
  });
  var selected = null;
  var second = null;
  var itemSelect = document.getElementById("zone-item");
  var buttons = {
    splitAcross: document.getElementById("zone-split-across"),
    splitDown: document.getElementById("zone-split-down"),
    merge: document.getElementById("zone-merge"),
    remove: document.getElementById("zone-delete"),
  };
  var SMALLEST = 0.005;
  var STEP = 0.002;

  function clamp(zone) {
    zone.w = Math.min(Math.max(zone.w, SMALLEST), 1);
    zone.h = Math.min(Math.max(zone.h, SMALLEST), 1);
    zone.x = Math.min(Math.max(zone.x, 0), 1 - zone.w);
    zone.y = Math.min(Math.max(zone.y, 0), 1 - zone.h);
  }

  // draw() builds a box for each zone; mark() brings the boxes, the list and the panel up to date without
  // replacing the boxes, so that a box being dragged or holding the focus stays where it is.
  function draw() {
    sheet.querySelectorAll(".zone").forEach(function (box) {
      box.remove();
    });
    zones.forEach(function (zone, index) {
      var box = document.createElement("div");
      box.className = "zone";
      box.dataset.index = index;
      box.tabIndex = 0;
      box.setAttribute("role", "button");
      var label = document.createElement("span");
      label.className = "zone__label";
      box.appendChild(label);
      sheet.appendChild(box);
    });
    mark();
  }

  function mark() {
    sheet.querySelectorAll(".zone").forEach(function (box) {
      var index = parseInt(box.dataset.index, 10);
      var zone = zones[index];
      box.classList.toggle("zone--free", !zone.item);
      box.classList.toggle("zone--photo", zone.item.indexOf("photo-") === 0);
      box.classList.toggle(
        "zone--same",
        selected !== null && index !== selected && !!zone.item && zone.item === zones[selected].item
      );
      box.classList.toggle("zone--selected", index === selected);
      box.classList.toggle("zone--second", index === second);
      box.setAttribute("aria-label", labels[zone.item] || itemSelect.options[0].text);
      box.style.left = zone.x * 100 + "%";
      box.style.top = zone.y * 100 + "%";
      box.style.width = zone.w * 100 + "%";
      box.style.height = zone.h * 100 + "%";
      box.firstChild.textContent = labels[zone.item] || "";
    });
    var hasZone = {};
    zones.forEach(function (zone) {
      hasZone[zone.item] = true;
    });
    var missing = document.getElementById("zone-missing");
    missing.textContent = "";
    data.items.forEach(function (item) {
      if (!hasZone[item.key]) {
        var entry = document.createElement("li");
        entry.textContent = item.label;
        missing.appendChild(entry);
      }
    });
    var none = selected === null;
    itemSelect.disabled = none;
    itemSelect.value = none ? "" : zones[selected].item;
    buttons.splitAcross.disabled = none;
    buttons.splitDown.disabled = none;
    buttons.remove.disabled = none;
    buttons.merge.disabled = none || second === null;
    document.getElementById("zone-data").value = JSON.stringify(zones);
  }

  function select(index, adding) {
    if (adding && selected !== null && index !== selected) {
      second = index;
    } else {
      selected = index;
      second = null;
    }
    mark();
    var box = sheet.querySelector('.zone[data-index="' + selected + '"]');
    if (box && document.activeElement !== box) {
      box.focus();
    }
  }

  sheet.addEventListener("pointerdown", function (event) {
    var box = event.target.closest(".zone");
    if (box) {
      select(parseInt(box.dataset.index, 10), event.shiftKey);
    }
  });

  sheet.addEventListener("keydown", function (event) {
    if (selected === null || !event.target.classList.contains("zone")) {
      return;
    }
    var zone = zones[selected];
    var moves = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] };
    var move = moves[event.key];
    if (move) {
      if (event.shiftKey) {
        zone.w += move[0];
        zone.h += move[1];
      } else {
        zone.x += move[0];
        zone.y += move[1];
      }
      clamp(zone);
      event.preventDefault();
      mark();
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      buttons.remove.click();
    }
  });

  itemSelect.addEventListener("change", function () {
    zones[selected].item = itemSelect.value;
    mark();
  });

  document.getElementById("zone-add").addEventListener("click", function () {
    var item = selected === null ? "" : zones[selected].item;
    zones.push({ item: item, x: 0.4, y: 0.4, w: 0.2, h: 0.1 });
    draw();
    select(zones.length - 1);
  });

  buttons.remove.addEventListener("click", function () {
    zones.splice(selected, 1);
    selected = null;
    second = null;
    draw();
  });

  function split(across) {
    var zone = zones[selected];
    var copy = { item: zone.item, x: zone.x, y: zone.y, w: zone.w, h: zone.h };
    if (across) {
      zone.w = copy.w = zone.w / 2;
      copy.x = zone.x + zone.w;
    } else {
      zone.h = copy.h = zone.h / 2;
      copy.y = zone.y + zone.h;
    }
    zones.splice(selected + 1, 0, copy);
    draw();
    select(selected);
  }
  buttons.splitAcross.addEventListener("click", function () {
    split(true);
  });
  buttons.splitDown.addEventListener("click", function () {
    split(false);
  });

  buttons.merge.addEventListener("click", function () {
    var one = zones[selected];
    var other = zones[second];
    var right = Math.max(one.x + one.w, other.x + other.w);
    var bottom = Math.max(one.y + one.h, other.y + other.h);
    one.x = Math.min(one.x, other.x);
    one.y = Math.min(one.y, other.y);
    one.w = right - one.x;
    one.h = bottom - one.y;
    one.item = one.item || other.item;
    zones.splice(second, 1);
    var kept = second < selected ? selected - 1 : selected;
    second = null;
    draw();
    select(kept);
  });

  function share(pixels, total) {
    return pixels / total;
  }

  window.interact(".zone", { context: sheet })
    .draggable({
      listeners: {
        move: function (event) {
          var zone = zones[parseInt(event.target.dataset.index, 10)];
          var rect = sheet.getBoundingClientRect();
          zone.x += share(event.dx, rect.width);
          zone.y += share(event.dy, rect.height);
          clamp(zone);
          event.target.style.left = zone.x * 100 + "%";
          event.target.style.top = zone.y * 100 + "%";
        },
        end: mark,
      },
    })
    .resizable({
      edges: { left: true, right: true, top: true, bottom: true },
      margin: 8,
      listeners: {
        move: function (event) {
          var zone = zones[parseInt(event.target.dataset.index, 10)];
          var rect = sheet.getBoundingClientRect();
          zone.x += share(event.deltaRect.left, rect.width);
          zone.y += share(event.deltaRect.top, rect.height);
          zone.w = share(event.rect.width, rect.width);
          zone.h = share(event.rect.height, rect.height);
          clamp(zone);
          event.target.style.left = zone.x * 100 + "%";
          event.target.style.top = zone.y * 100 + "%";
          event.target.style.width = zone.w * 100 + "%";
          event.target.style.height = zone.h * 100 + "%";
        },
        end: mark,
      },
    });

  draw();
})();
