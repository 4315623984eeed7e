// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // Language switcher: submit on change, hide the button.
  document.querySelectorAll("select.js-autosubmit").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  document.querySelectorAll(".js-hide-when-enhanced").forEach(function (el) {
    el.hidden = true;
  });
  // Buttons that ask before doing something irreversible.
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (event) {
      if (!window.confirm(el.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
})();
// Copy buttons (the new API token): shown only where the clipboard can be used.
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll(".js-copy").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.value).then(function () {
        button.textContent = button.getAttribute("data-copied");
      });
    });
  });
})();
// The header's menu button (narrow screens): opens and closes the menu panel; Escape closes it
// (and the account menu) and gives focus back to what opened it.
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("is-open", open);
  }
  if (button && menu) {
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var account = document.querySelector(".account-menu[open]");
    if (account) {
      account.open = false;
      account.querySelector("summary").focus();
    } else if (button && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
  // A click outside the account menu closes it.
  document.addEventListener("click", function (event) {
    var account = document.querySelector(".account-menu[open]");
    if (account && !account.contains(event.target)) { account.open = false; }
  });
})();
// The error summary of a form that failed (templates/includes/error_summary.html): focus moves
// to it when the page loads, and each of its links moves focus to its field.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    field.focus();
    (field.closest(".field") || field).scrollIntoView({ block: "start" });
  });
})();
