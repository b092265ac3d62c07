// Progressive enhancement only: every page works without it.
(function () {
  "use strict";

  // Load a tree node's children the first time it is opened.
  function loadChildren(details) {
    var url = details.getAttribute("data-children-url");
    if (!url || details.getAttribute("data-loaded")) { return; }
    details.setAttribute("data-loaded", "1");
    var target = details.querySelector("[data-children]");
    fetch(url, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
      .then(function (html) { target.innerHTML = html; })
      .catch(function () {
        target.textContent = "Không tải được danh sách đơn vị trực thuộc. Hãy thử lại.";
        details.removeAttribute("data-loaded");
      });
  }

  document.addEventListener("toggle", function (event) {
    var el = event.target;
    if (el.tagName === "DETAILS" && el.open) { loadChildren(el); }
  }, true);

  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.hasAttribute && el.hasAttribute("data-autosubmit")) { el.form.submit(); }
  });

  document.addEventListener("submit", function (event) {
    var msg = event.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) { event.preventDefault(); }
  });
}());
