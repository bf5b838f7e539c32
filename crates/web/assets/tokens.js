// The token page's copy button. Copying needs the clipboard API: the
// button appears only where it works.
(function () {
  var b = document.getElementById("copy-token");
  if (!b || !navigator.clipboard) return;
  b.hidden = false;
  b.addEventListener("click", function () {
    navigator.clipboard.writeText(document.getElementById("new-token").textContent).then(function () {
      b.textContent = b.dataset.done;
    });
  });
})();
