(function () {
  var root = document.documentElement;

  function effectiveTheme() {
    var explicit = root.getAttribute("data-theme");
    if (explicit) return explicit;
    return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function showTheme(button) {
    button.setAttribute("aria-pressed", effectiveTheme() === "dark" ? "true" : "false");
  }

  var toggle = document.getElementById("theme-toggle");
  if (toggle) {
    showTheme(toggle);
    toggle.addEventListener("click", function () {
      var next = effectiveTheme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("headway-theme", next); } catch (e) { /* not kept */ }
      showTheme(toggle);
    });
  }

  // Buttons that ask before something irreversible: data-confirm="question".
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });

  // After a failed submit, move focus to the list of problems so screen readers announce it.
  var errors = document.getElementById("form-errors");
  if (errors) errors.focus();
})();
