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
