// Runs in <head> before the first paint. A stored choice wins; otherwise the page follows the
// operating system (prefers-color-scheme), which Pico does on its own when data-theme is absent.
(function () {
  try {
    var stored = localStorage.getItem("headway-theme");
    if (stored === "dark" || stored === "light") {
      document.documentElement.setAttribute("data-theme", stored);
    }
  } catch (e) { /* storage blocked: follow the system */ }
})();
