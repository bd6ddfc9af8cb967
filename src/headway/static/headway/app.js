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

  // A group that applies only after a "yes" to another question (the Canadian C-spine rule after
  // recent trauma): hidden and not sent until then, so nobody answers a rule that does not apply.
  // Without JavaScript it stays visible and the server refuses its answers without that "yes".
  Array.prototype.forEach.call(document.querySelectorAll("fieldset[data-after-yes]"), function (group) {
    var name = group.getAttribute("data-after-yes");
    var form = group.closest("form");
    if (!form) return;
    function update() {
      var chosen = form.querySelector('input[name="' + name + '"]:checked');
      var applies = !!chosen && chosen.value === "yes";
      group.hidden = !applies;
      group.disabled = !applies;
    }
    form.addEventListener("change", function (event) {
      if (event.target.name === name) update();
    });
    update();
  });

  // Buttons that ask before something irreversible: data-confirm="question".
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });

  // Logging out clears what the diary keeps on this device: the queue of unsent entries, the
  // offline copy of the app and its service worker (the server also sends Clear-Site-Data).
  var logout = document.getElementById("logout-form");
  if (logout && window.indexedDB) {
    logout.addEventListener("submit", function (event) {
      if (logout.getAttribute("data-cleared")) return;
      event.preventDefault();
      clearDevice(logout.getAttribute("data-unsent")).then(function (go) {
        if (!go) return;
        logout.setAttribute("data-cleared", "1");
        logout.submit();
      });
    });
  }

  function unsentCount() {
    return new Promise(function (resolve) {
      var request = indexedDB.open("headway-diary", 1);
      request.onupgradeneeded = function () { request.result.createObjectStore("outbox", { keyPath: "id" }); };
      request.onerror = function () { resolve(0); };
      request.onsuccess = function () {
        var database = request.result;
        try {
          var count = database.transaction("outbox").objectStore("outbox").count();
          count.onsuccess = function () { database.close(); resolve(count.result); };
          count.onerror = function () { database.close(); resolve(0); };
        } catch (e) { database.close(); resolve(0); }
      };
    });
  }

  function clearDevice(question) {
    return unsentCount().then(function (n) {
      if (n && question && !window.confirm(question.replace("%(n)s", n))) return false;
      var jobs = [new Promise(function (resolve) {
        var request = indexedDB.deleteDatabase("headway-diary");
        request.onsuccess = request.onerror = request.onblocked = function () { resolve(); };
      })];
      if (window.caches) {
        jobs.push(caches.keys().then(function (keys) {
          return Promise.all(keys.filter(function (k) { return k.indexOf("headway-diary-") === 0; }).map(function (k) { return caches.delete(k); }));
        }));
      }
      if (navigator.serviceWorker) {
        jobs.push(navigator.serviceWorker.getRegistrations().then(function (registrations) {
          return Promise.all(registrations.map(function (r) { return r.unregister(); }));
        }));
      }
      return Promise.all(jobs).then(function () { return true; }, function () { return true; });
    });
  }

  // After a failed submit, move focus to the list of problems so screen readers announce it.
  var errors = document.getElementById("form-errors");
  if (errors) errors.focus();
})();

// Pain drawing: a tap (or Enter/Space) on a region raises its intensity 2, 4, 6, 8, 10 and
// then clears it. The select of the same region holds the value the form sends, so the list
// and the drawing always agree, and the page works without this script too.
(function () {
  var chart = document.querySelector(".body-chart.editable");
  if (!chart) return;
  function select(key) { return document.querySelector('.pain-select[data-key="' + key + '"]'); }
  function paint(key, level) {
    document.querySelectorAll('.body-chart.editable .spot[data-key="' + key + '"]').forEach(function (spot) {
      spot.setAttribute("class", spot.getAttribute("class").replace(/level-\d+/, "level-" + level));
    });
  }
  function step(spot) {
    var key = spot.getAttribute("data-key");
    var field = select(key);
    if (!field) return;
    var level = parseInt(field.value || "0", 10);
    var next = level >= 10 ? 0 : Math.min(10, (Math.floor(level / 2) + 1) * 2);
    field.value = next ? String(next) : "";
    paint(key, next);
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }
  chart.addEventListener("click", function (event) {
    var spot = event.target.closest(".spot");
    if (spot) step(spot);
  });
  chart.addEventListener("keydown", function (event) {
    var spot = event.target.closest(".spot");
    if (spot && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); step(spot); }
  });
  document.querySelectorAll(".pain-select").forEach(function (field) {
    field.addEventListener("change", function () { paint(field.getAttribute("data-key"), parseInt(field.value || "0", 10)); });
  });
})();
