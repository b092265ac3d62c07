// Pipeline pages: small conveniences only; every page works without them.
(function () {
  "use strict";

  // Remove Vietnamese diacritics so "nguyen" finds "Nguyễn" (the cards carry the same key).
  function searchKey(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();
  }

  // Board: hide the cards whose name does not contain the typed text.
  function filterBoard(input) {
    var wanted = searchKey(input.value);
    document.querySelectorAll(".pipe-card").forEach(function (card) {
      var name = card.getAttribute("data-name") || "";
      card.hidden = wanted !== "" && name.indexOf(wanted) === -1;
    });
  }

  // Vote forms: tell as the counts are typed whether two thirds of the eligible are reached.
  function voteHint(form) {
    var eligible = parseInt(form.getAttribute("data-eligible"), 10);
    var favour = form.querySelector("[name=in_favour]");
    var committee = form.querySelector("[name=eligible]");
    if (committee && committee.value) { eligible = parseInt(committee.value, 10); }
    var hint = form.querySelector(".vote-hint");
    if (!hint || !favour || !eligible) { return; }
    var needed = Math.ceil((eligible * 2) / 3);
    var got = parseInt(favour.value || "0", 10);
    hint.textContent = "Cần ít nhất " + needed + "/" + eligible + " phiếu tán thành; hiện nhập " +
      got + (got >= needed ? " — đạt." : " — chưa đạt.");
    hint.className = "vote-hint " + (got >= needed ? "ok" : "bad");
  }

  document.addEventListener("input", function (event) {
    var el = event.target;
    if (el.hasAttribute && el.hasAttribute("data-board-filter")) { filterBoard(el); }
    var form = el.form;
    if (form && form.querySelector(".vote-hint")) { voteHint(form); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form .vote-hint").forEach(function (hint) { voteHint(hint.form || hint.closest("form")); });
  });
}());
