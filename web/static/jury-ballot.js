// Ranking pages: order photos by drag-and-drop, buttons or keys, or give 10..1 points once each.
// Without this file the places are typed and the points chosen in plain form fields; this script
// keeps those fields in step, so both ways post the same form. Needs jury.js (loaded before it).
(function () {
  "use strict";

  var doc = document;
  var shared = window.juryPages;
  var fill = shared.fill;
  var hasModifier = shared.hasModifier;
  var isTyping = shared.isTyping;
  var submitForm = shared.submitForm;
  var toArray = shared.toArray;

  // ---------- ranking by order: drag-and-drop, buttons, keys ----------

  function setUpOrderBallot(form) {
    var list = form.querySelector("[data-ballot-list]");
    var status = form.querySelector("[data-ballot-status]");
    if (!list) {
      return;
    }
    var movedText = list.getAttribute("data-moved-text");

    function items() {
      return toArray(list.children);
    }

    list.querySelectorAll("[data-rank]").forEach(function (input) {
      // The places are kept in step by the script; the field still goes with the form.
      input.closest(".ballot__rank").hidden = true;
    });

    function renumber() {
      items().forEach(function (item, index) {
        item.querySelector("[data-place]").textContent = String(index + 1);
        item.querySelector("[data-rank]").value = String(index + 1);
      });
    }

    function announce(item) {
      var all = items();
      status.textContent = fill(movedText, {
        town: item.getAttribute("data-town"),
        place: all.indexOf(item) + 1,
        count: all.length,
      });
    }

    function moveTo(item, target) {
      var all = items();
      var from = all.indexOf(item);
      var to = Math.max(0, Math.min(all.length - 1, target));
      if (to === from) {
        return false;
      }
      var focused = doc.activeElement;
      list.removeChild(item);
      list.insertBefore(item, items()[to] || null);
      renumber();
      item.classList.add("is-moved");
      window.setTimeout(function () {
        item.classList.remove("is-moved");
      }, 600);
      if (focused && item.contains(focused)) {
        focused.focus();
      }
      announce(item);
      return true;
    }

    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-move]");
      if (!button) {
        return;
      }
      var item = button.closest(".ballot__item");
      var index = items().indexOf(item);
      moveTo(item, button.getAttribute("data-move") === "up" ? index - 1 : index + 1);
    });

    list.addEventListener("keydown", function (event) {
      if (hasModifier(event) || isTyping(event.target)) {
        return;
      }
      var item = event.target.closest(".ballot__item");
      if (!item) {
        return;
      }
      var index = items().indexOf(item);
      var moves = { ArrowUp: index - 1, ArrowDown: index + 1, Home: 0, End: items().length - 1 };
      if (Object.prototype.hasOwnProperty.call(moves, event.key)) {
        event.preventDefault();
        moveTo(item, moves[event.key]);
      } else if (event.key === "Enter" && event.target.tagName !== "A") {
        event.preventDefault();
        submitForm(form);
      }
    });

    // Drag by the handle with a mouse, pen or finger (pointer events: works on tablets too).
    // Moving the item in the document ends any pointer capture, so the drag listens on the
    // whole document until the pointer is lifted.
    list.addEventListener("pointerdown", function (event) {
      var handle = event.target.closest("[data-drag-handle]");
      if (!handle || event.button !== 0) {
        return;
      }
      var item = handle.closest(".ballot__item");
      var pointer = event.pointerId;
      event.preventDefault();
      item.classList.add("is-dragging");
      var start = items().indexOf(item);

      function onMove(moveEvent) {
        if (moveEvent.pointerId !== pointer) {
          return;
        }
        moveEvent.preventDefault();
        var y = moveEvent.clientY;
        var others = items().filter(function (other) {
          return other !== item;
        });
        var before = null;
        for (var index = 0; index < others.length; index += 1) {
          var box = others[index].getBoundingClientRect();
          if (y < box.top + box.height / 2) {
            before = others[index];
            break;
          }
        }
        if (item.nextElementSibling !== before) {
          list.insertBefore(item, before);
        }
        if (y < 70) {
          window.scrollBy(0, -14);
        } else if (y > window.innerHeight - 70) {
          window.scrollBy(0, 14);
        }
      }

      function onEnd(endEvent) {
        if (endEvent.pointerId !== pointer) {
          return;
        }
        doc.removeEventListener("pointermove", onMove);
        doc.removeEventListener("pointerup", onEnd);
        doc.removeEventListener("pointercancel", onEnd);
        item.classList.remove("is-dragging");
        renumber();
        if (items().indexOf(item) !== start) {
          announce(item);
        }
      }

      doc.addEventListener("pointermove", onMove);
      doc.addEventListener("pointerup", onEnd);
      doc.addEventListener("pointercancel", onEnd);
    });
  }

  // ---------- ranking by points: each number once ----------

  function setUpPointsBallot(form) {
    var selects = toArray(form.querySelectorAll("[data-points]"));
    var left = form.querySelector("[data-points-left]");
    var needed = Math.min(10, selects.length);

    function update(changed) {
      if (changed && changed.value) {
        selects.forEach(function (other) {
          if (other !== changed && other.value === changed.value) {
            other.value = "";
          }
        });
      }
      var used = {};
      selects.forEach(function (select) {
        select.closest(".points-card").classList.toggle("points-card--given", !!select.value);
        if (select.value) {
          used[select.value] = true;
        }
      });
      var free = [];
      for (var points = 10; points >= 1 && free.length + Object.keys(used).length < needed; points -= 1) {
        if (!used[String(points)]) {
          free.push(points);
        }
      }
      if (left) {
        left.textContent = free.length
          ? fill(left.getAttribute("data-left-text"), { points: free.join(", ") })
          : left.getAttribute("data-done-text");
        left.classList.toggle("points-left--done", !free.length);
        left.hidden = false;
      }
    }

    selects.forEach(function (select) {
      select.addEventListener("change", function () {
        update(select);
      });
    });
    update(null);
  }

  var ballot = doc.querySelector("[data-ballot]");
  if (ballot && ballot.getAttribute("data-ballot") === "points") {
    setUpPointsBallot(ballot);
  } else if (ballot) {
    setUpOrderBallot(ballot);
  }
})();
