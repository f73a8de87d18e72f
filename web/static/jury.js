// Jury workspace: keyboard shortcuts, zoom and the help dialog (ranking pages add jury-ballot.js).
// Every action also works without this file: the pages are plain links and forms that post and
// are answered with the next page. Loaded with `defer`, so the document is parsed when it runs.
(function () {
  "use strict";

  var doc = document;
  var toArray = function (list) {
    return Array.prototype.slice.call(list);
  };

  // ---------- shared ----------

  function revealScriptedParts() {
    doc.documentElement.classList.add("js");
    doc.querySelectorAll("[data-js-only]").forEach(function (element) {
      element.hidden = false;
    });
    doc.querySelectorAll("[data-no-js]").forEach(function (element) {
      element.hidden = true;
    });
  }

  // Typing in a text field (the recusal reason, a place number) never triggers a shortcut.
  function isTyping(target) {
    if (!target || !target.tagName) {
      return false;
    }
    if (target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT") {
      return true;
    }
    if (target.tagName === "INPUT") {
      return ["radio", "checkbox", "button", "submit"].indexOf(target.type) === -1;
    }
    return false;
  }

  function hasModifier(event) {
    return event.ctrlKey || event.metaKey || event.altKey;
  }

  function openDialog(dialog) {
    if (dialog && !dialog.open && typeof dialog.showModal === "function") {
      dialog.showModal();
    }
  }

  function submitForm(form, submitter) {
    if (!form) {
      return;
    }
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit(submitter || undefined);
    } else {
      form.submit();
    }
  }

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : match;
    });
  }

  function setUpHelp() {
    var help = doc.getElementById("shortcut-help");
    doc.querySelectorAll("[data-open-help]").forEach(function (button) {
      button.addEventListener("click", function () {
        openDialog(help);
      });
    });
    return help;
  }

  // ---------- one task: rate, yes/no, skip, browse, zoom ----------

  function setUpZoom(task) {
    var zoom = doc.getElementById("photo-zoom");
    var opener = task.querySelector("[data-zoom-open]");
    if (!zoom || typeof zoom.showModal !== "function") {
      return null;
    }
    var pane = zoom.querySelector("[data-zoom-pane]");
    var image = zoom.querySelector("img");

    function centre() {
      pane.scrollLeft = (pane.scrollWidth - pane.clientWidth) / 2;
      pane.scrollTop = (pane.scrollHeight - pane.clientHeight) / 2;
    }

    function toggle() {
      if (zoom.open) {
        zoom.close();
        return;
      }
      zoom.showModal();
      pane.focus({ preventScroll: true });
      if (image.complete) {
        centre();
      } else {
        image.addEventListener("load", centre, { once: true });
      }
    }

    if (opener) {
      opener.addEventListener("click", function (event) {
        event.preventDefault();
        toggle();
      });
    }

    // Pan by dragging with a mouse or pen; fingers scroll the pane natively. A click without
    // a drag closes the zoom again.
    var drag = null;
    pane.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "touch" || event.button !== 0) {
        return;
      }
      drag = {
        x: event.clientX,
        y: event.clientY,
        left: pane.scrollLeft,
        top: pane.scrollTop,
        moved: false,
      };
      pane.setPointerCapture(event.pointerId);
      pane.classList.add("is-panning");
      event.preventDefault();
    });
    pane.addEventListener("pointermove", function (event) {
      if (!drag) {
        return;
      }
      var dx = event.clientX - drag.x;
      var dy = event.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) {
        drag.moved = true;
      }
      pane.scrollLeft = drag.left - dx;
      pane.scrollTop = drag.top - dy;
    });
    function endDrag() {
      if (!drag) {
        return;
      }
      var clicked = !drag.moved;
      drag = null;
      pane.classList.remove("is-panning");
      if (clicked) {
        zoom.close();
      }
    }
    pane.addEventListener("pointerup", endDrag);
    pane.addEventListener("pointercancel", function () {
      drag = null;
      pane.classList.remove("is-panning");
    });

    return { dialog: zoom, toggle: toggle };
  }

  function setUpTask(task, help) {
    var method = task.getAttribute("data-method");
    var scale = parseInt(task.getAttribute("data-scale"), 10) || 5;
    var form = task.querySelector("[data-vote-form]");
    var submit = form ? form.querySelector("[data-vote-submit]") : null;
    var groups = form ? toArray(form.querySelectorAll("[data-criterion]")) : [];
    var skipForm = task.querySelector("[data-skip-form]");
    var zoom = setUpZoom(task);
    var active = 0;

    // Several criteria: one is highlighted; a digit rates it and the highlight moves on.
    function highlight(index) {
      active = index;
      if (groups.length < 2) {
        return;
      }
      groups.forEach(function (group, position) {
        group.classList.toggle("is-active", position === index);
      });
    }

    function firstUnrated() {
      for (var index = 0; index < groups.length; index += 1) {
        if (!groups[index].querySelector("input:checked")) {
          return index;
        }
      }
      return -1;
    }

    function choose(group, value) {
      var input = group.querySelector('input[value="' + value + '"]');
      if (!input) {
        return false;
      }
      input.checked = true;
      input.dispatchEvent(new Event("change", { bubbles: true }));
      return true;
    }

    function rate(value) {
      if (!groups.length) {
        return;
      }
      var focused = doc.activeElement && doc.activeElement.closest
        ? doc.activeElement.closest("[data-criterion]")
        : null;
      var index = focused ? groups.indexOf(focused) : active;
      if (index < 0 || index >= groups.length) {
        index = 0;
      }
      if (!choose(groups[index], value)) {
        return;
      }
      if (index + 1 < groups.length) {
        highlight(index + 1);
        groups[index + 1].focus();
      } else {
        highlight(-1);
        submit.focus();
      }
    }

    function answer(yes) {
      if (method !== "yesno" || !groups.length) {
        return;
      }
      choose(groups[0], yes ? "yes" : "no");
      submit.focus();
    }

    function confirmVote() {
      if (!form) {
        return;
      }
      var missing = firstUnrated();
      if (missing >= 0) {
        highlight(missing);
        form.reportValidity();
        return;
      }
      submitForm(form, submit);
    }

    function follow(key) {
      var link = task.querySelector('[data-key="' + key + '"]');
      if (link) {
        window.location.assign(link.href);
      }
    }

    function skip() {
      if (skipForm) {
        submitForm(skipForm);
      } else {
        follow("next");
      }
    }

    groups.forEach(function (group, index) {
      group.addEventListener("focusin", function () {
        highlight(index);
      });
    });
    if (groups.length > 1) {
      highlight(Math.max(0, firstUnrated()));
    }

    doc.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || hasModifier(event)) {
        return;
      }
      var key = event.key;
      if (zoom && zoom.dialog.open) {
        if (key === "z" || key === "Z") {
          event.preventDefault();
          zoom.toggle();
        }
        return;
      }
      if (doc.querySelector("dialog[open]") || isTyping(event.target)) {
        return;
      }
      // In a star row or the yes/no pair that has focus, arrows keep their usual meaning.
      var onRadio = event.target.type === "radio";
      if (key === "?") {
        event.preventDefault();
        openDialog(help);
      } else if (/^[0-9]$/.test(key)) {
        var value = key === "0" ? 10 : parseInt(key, 10);
        if (method === "rating" && value <= scale) {
          event.preventDefault();
          rate(value);
        }
      } else if (key === "ArrowLeft" || key === "ArrowRight") {
        if (!onRadio) {
          event.preventDefault();
          follow(key === "ArrowLeft" ? "previous" : "next");
        }
      } else if (key === "ArrowUp" || key === "ArrowDown") {
        if (method === "yesno" && !onRadio) {
          event.preventDefault();
          answer(key === "ArrowUp");
        }
      } else if (key === "Enter") {
        var tag = event.target.tagName;
        if (form && tag !== "A" && tag !== "BUTTON" && tag !== "SUMMARY") {
          event.preventDefault();
          confirmVote();
        }
      } else {
        var letter = key.toLowerCase();
        if ((letter === "j" || letter === "y") && method === "yesno") {
          event.preventDefault();
          answer(true);
        } else if (letter === "n" && method === "yesno") {
          event.preventDefault();
          answer(false);
        } else if (letter === "s" && method !== "ranking") {
          event.preventDefault();
          skip();
        } else if (letter === "z" && zoom) {
          event.preventDefault();
          zoom.toggle();
        }
      }
    });
  }

  // ---------- start ----------

  revealScriptedParts();
  var help = setUpHelp();
  var task = doc.querySelector("[data-task]");
  if (task) {
    setUpTask(task, help);
  } else if (help) {
    doc.addEventListener("keydown", function (event) {
      if (event.key === "?" && !hasModifier(event) && !isTyping(event.target)) {
        if (!doc.querySelector("dialog[open]")) {
          event.preventDefault();
          openDialog(help);
        }
      }
    });
  }
  // For the ranking page's script (jury-ballot.js, loaded after this one).
  window.juryPages = {
    fill: fill,
    hasModifier: hasModifier,
    isTyping: isTyping,
    submitForm: submitForm,
    toArray: toArray,
  };
})();
