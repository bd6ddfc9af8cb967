// Runs in <head> before the first paint. A stored choice wins; otherwise the page follows the
// operating system (prefers-color-scheme). Either way data-theme is set, so Pico and every
// [data-theme="dark"] rule of app.css (the red-flag badge, the criteria's colours) apply the
// same dark palette whether the system or the page's own button chose it (issue 13, 5.2).
(function () {
  var root = document.documentElement;
  var system = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function stored() {
    try {
      var value = localStorage.getItem("headway-theme");
      return value === "dark" || value === "light" ? value : null;
    } catch (e) { return null; /* storage blocked: follow the system */ }
  }
  function apply() {
    root.setAttribute("data-theme", stored() || (system && system.matches ? "dark" : "light"));
  }
  apply();
  // The system switching at dusk moves the page along, unless the user chose a theme here.
  if (system && system.addEventListener) {
    system.addEventListener("change", function () {
      if (stored()) return;
      apply();  // the theme button's label follows data-theme through app.css
    });
  }
})();
