// A file larger than the server accepts is refused here, before it is sent: the server stops
// reading such an upload (healthmatch/attachments/uploads.py), which a browser shows as a reset
// connection. The limit and the message come from the field (data-max-bytes, data-too-large).
(function () {
  "use strict";

  function check(input) {
    var limit = Number(input.dataset.maxBytes);
    var tooLarge = Array.prototype.some.call(input.files || [], function (file) {
      return file.size > limit;
    });
    var id = input.id + "-size-error";
    var note = document.getElementById(id);
    if (tooLarge && !note) {
      note = document.createElement("p");
      note.id = id;
      note.className = "errorlist";
      note.setAttribute("role", "alert");
      note.textContent = input.dataset.tooLarge;
      input.insertAdjacentElement("afterend", note);
      var described = (input.getAttribute("aria-describedby") || "").split(" ");
      input.setAttribute("aria-describedby", described.concat(id).join(" ").trim());
      input.setAttribute("aria-invalid", "true");
    } else if (!tooLarge && note) {
      note.remove();
      input.removeAttribute("aria-invalid");
    }
    return !tooLarge;
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches && input.matches("input[type=file][data-max-bytes]")) check(input);
  });

  document.addEventListener(
    "submit",
    function (event) {
      var input = event.target.querySelector("input[type=file][data-max-bytes]");
      if (input && !check(input)) {
        event.preventDefault();
        input.focus();
      }
    },
    true
  );
})();
