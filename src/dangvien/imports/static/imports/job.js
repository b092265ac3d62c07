// Progress of an import job: poll the status address, move the bar, reload when done.
// Without JavaScript the page refreshes itself (<noscript> meta refresh).
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = document.getElementById("progress-bar");
  var stage = document.getElementById("progress-stage");
  var percent = document.getElementById("progress-percent");
  var state = document.getElementById("job-state");

  function show(status) {
    bar.value = status.percent;
    percent.textContent = status.percent + "%";
    if (status.stage) { stage.textContent = status.stage; }
    state.textContent = status.state_label;
  }

  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (status) {
        show(status);
        if (status.in_progress) { window.setTimeout(poll, 700); } else { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }

  window.setTimeout(poll, 300);
}());
