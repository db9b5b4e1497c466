// Small enhancements; every page works without them.
//  - "/" focuses the search box; "j" / "k" move to the next / previous item of a list.
//  - Filter forms leave out empty fields, so the address bar shows the permalink.
//  - On wide screens the timeline's filters start open.
//  - Entity filter boxes suggest names as the reader types.
//  - /status refreshes itself every 30 seconds while its box is ticked.
(function () {
  "use strict";

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll("main [data-item]"));
  }

  function moveFocus(step) {
    var list = items();
    if (!list.length) return;
    var current = list.findIndex(function (el) { return el.contains(document.activeElement); });
    var next = list[Math.min(Math.max(current + step, 0), list.length - 1)];
    if (current < 0) next = step > 0 ? list[0] : list[list.length - 1];
    var link = next.querySelector("a[href]");
    if (link) {
      link.focus();
      next.scrollIntoView({ block: "nearest" });
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    if (event.key === "/") {
      var box = document.querySelector("[data-search-shortcut]");
      if (box) {
        event.preventDefault();
        box.focus();
      }
    } else if (event.key === "j") {
      moveFocus(1);
    } else if (event.key === "k") {
      moveFocus(-1);
    }
  });

  document.querySelectorAll("form[data-drop-empty]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[name], select[name]").forEach(function (field) {
        if (field.value === "" && !field.disabled) field.disabled = true;
      });
      // re-enable after the browser has read the form, so "back" shows it as it was
      window.setTimeout(function () {
        form.querySelectorAll("[disabled]").forEach(function (field) { field.disabled = false; });
      }, 0);
    });
  });

  // /status reloads itself while its box is ticked; unticking stops it (WCAG 2.2.1: a timed
  // refresh the reader can turn off, unlike <meta http-equiv="refresh">)
  document.querySelectorAll("input[data-auto-refresh]").forEach(function (box) {
    var key = "dateline-auto-refresh";
    if (window.sessionStorage.getItem(key) === "off") box.checked = false;
    var seconds = parseInt(box.getAttribute("data-auto-refresh"), 10) || 30;
    var timer = null;
    function arm() {
      window.clearTimeout(timer);
      if (box.checked) timer = window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
    }
    box.addEventListener("change", function () {
      window.sessionStorage.setItem(key, box.checked ? "on" : "off");
      arm();
    });
    arm();
  });

  // Entity boxes suggest names as the reader types, from /api/v1/entities?q= (the box's
  // <datalist> starts with the most-mentioned; without this script it stays that list)
  document.querySelectorAll("input[data-suggest-entities]").forEach(function (box) {
    var list = box.list;
    if (!list || !window.fetch) return;
    var kind = box.getAttribute("data-suggest-entities");
    var timer = null;
    var asked = "";
    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      var typed = box.value.trim();
      if (typed.length < 2 || typed === asked) return;
      timer = window.setTimeout(function () {
        asked = typed;
        var url = "/api/v1/entities?limit=8&q=" + encodeURIComponent(typed) + (kind ? "&kind=" + kind : "");
        window.fetch(url, { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { items: [] }; })
          .then(function (body) {
            if (box.value.trim() !== typed || !body.items.length) return;
            list.replaceChildren.apply(list, body.items.map(function (item) {
              var option = document.createElement("option");
              option.value = item.name;
              option.label = item.name + " · " + item.kind + " · " + item.mention_count + " mentions";
              return option;
            }));
          })
          .catch(function () {});
      }, 150);
    });
  });

  if (window.matchMedia("(min-width: 60rem)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (el) { el.open = true; });
  }
})();
