(function () {
  var root = document.documentElement;

  function effectiveTheme() {
    var explicit = root.getAttribute("data-theme");
    if (explicit) return explicit;
    return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  // The button's label (app.css picks "Switch to dark/light theme" from data-theme and the
  // system's setting) says what a press does, so it carries no aria-pressed state as well.
  var toggle = document.getElementById("theme-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var next = effectiveTheme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("headway-theme", next); } catch (e) { /* not kept */ }
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
      // A screen reader hears the region, its level and whether it is marked (issue 13, 5.5).
      spot.setAttribute("aria-pressed", level ? "true" : "false");
      spot.setAttribute("aria-label", spot.getAttribute("data-name") + (level ? ": " + level + "/10" : ""));
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
    field.addEventListener("change", function () {
      paint(field.getAttribute("data-key"), parseInt(field.value || "0", 10));
      listMarked();
    });
  });
  // The regions' names, visible: the one under the pointer or focus, and the marked ones.
  var nameLine = document.querySelector(".spot-name");
  function showName(spot) {
    if (!nameLine || !spot) return;
    var field = select(spot.getAttribute("data-key"));
    var level = field && field.value ? ": " + field.value + "/10" : "";
    nameLine.textContent = (spot.getAttribute("data-name") || spot.getAttribute("aria-label")) + level;
  }
  chart.addEventListener("focusin", function (event) { showName(event.target.closest(".spot")); });
  chart.addEventListener("mouseover", function (event) { showName(event.target.closest(".spot")); });
  chart.addEventListener("click", function (event) { showName(event.target.closest(".spot")); });
  var marked = document.querySelector(".marked-regions");
  function listMarked() {
    if (!marked) return;
    var items = [];
    document.querySelectorAll(".pain-select").forEach(function (field) {
      if (!field.value) return;
      var label = field.closest("label");
      var name = label ? label.firstChild.textContent.trim() : field.getAttribute("data-key");
      items.push({ name: name, level: parseInt(field.value, 10) });
    });
    items.sort(function (a, b) { return b.level - a.level; });
    marked.textContent = items.length ? marked.getAttribute("data-prefix") + ": " + items.map(function (m) {
      return m.name + " " + m.level + "/10";
    }).join("; ") : marked.getAttribute("data-none");
  }
})();

// Staff pages: the session ends after SESSION_IDLE_MINUTES without a request (settings.py). A
// few minutes before, a dialog offers to stay; typing in a form counts as activity; and what was
// typed into a form is kept in this tab (sessionStorage) until the server has it, so a sign-out
// in the middle of a note loses nothing: after signing in again it is filled in again (issue 13,
// 5.8). Drafts never hold passwords or hidden fields, belong to one user, and go with "Log out".
(function () {
  var body = document.body;
  var PREFIX = "headway-draft:";
  var STAMP = "headway-session-touched";
  var user = body.getAttribute("data-user");
  var signIn = body.getAttribute("data-sign-in") || "/accounts/login/";
  var store;
  try { store = window.sessionStorage; store.getItem(PREFIX); } catch (e) { store = null; }

  function drafts() {
    var keys = [];
    if (!store) return keys;
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0) keys.push(key);
    }
    return keys;
  }
  function read(key) { try { return JSON.parse(store.getItem(key)); } catch (e) { return null; } }

  // A draft whose form was sent: on the sign-in page it was refused for want of a session (keep
  // it); anywhere else the server had it (saved, or shown again with its errors): drop it.
  var onSignIn = location.pathname.indexOf(signIn) === 0;
  drafts().forEach(function (key) {
    var draft = read(key);
    if (!draft || (user && draft.user !== user)) { store.removeItem(key); return; }
    if (draft.sent && !draft.bounced) {
      if (onSignIn) { draft.bounced = true; store.setItem(key, JSON.stringify(draft)); }
      else store.removeItem(key);
    }
  });
  if (!user) return;

  var logout = document.getElementById("logout-form");
  if (logout) logout.addEventListener("submit", function () { drafts().forEach(function (k) { store.removeItem(k); }); });

  var KEPT = { hidden: 1, password: 1, file: 1, submit: 1, button: 1, reset: 1, image: 1 };
  var forms = Array.prototype.filter.call(document.querySelectorAll("main form"), function (form) {
    return (form.getAttribute("method") || "").toLowerCase() === "post" && !form.hasAttribute("data-no-draft");
  });
  function keyOf(form, index) { return PREFIX + location.pathname + "#" + (form.id || index); }
  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (el) { return el.name && !KEPT[el.type]; });
  }
  function save(form, index, sent) {
    if (!store) return;
    var values = {};
    var typed = false;
    fieldsOf(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        values[el.name] = values[el.name] || [];
        if (el.checked) values[el.name].push(el.value);
      } else if (el.multiple) {
        values[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; }).map(function (o) { return o.value; });
      } else {
        values[el.name] = el.value;
      }
      if (el.type === "textarea" || el.type === "text") typed = typed || el.value !== el.defaultValue;
    });
    try { store.setItem(keyOf(form, index), JSON.stringify({ user: user, values: values, sent: !!sent, typed: typed })); } catch (e) { /* full */ }
  }
  function restore(form, draft) {
    var fields = fieldsOf(form);
    Object.keys(draft.values).forEach(function (name) {
      var value = draft.values[name];
      fields.filter(function (el) { return el.name === name; }).forEach(function (el) {
        if (el.type === "checkbox" || el.type === "radio") el.checked = value.indexOf(el.value) !== -1;
        else if (el.multiple) Array.prototype.forEach.call(el.options, function (o) { o.selected = value.indexOf(o.value) !== -1; });
        else el.value = value;
      });
    });
    fields.forEach(function (el) { if (el.tagName === "SELECT") el.dispatchEvent(new Event("change", { bubbles: true })); });
  }
  var restored = false;
  forms.forEach(function (form, index) {
    var key = keyOf(form, index);
    var draft = store && read(key);
    // A form shown again with its errors holds the server's copy of what was sent.
    if (draft && document.getElementById("form-errors")) { store.removeItem(key); draft = null; }
    if (draft && (draft.typed || draft.bounced)) { restore(form, draft); restored = true; }
    form.addEventListener("input", function () { save(form, index, false); });
    form.addEventListener("change", function () { save(form, index, false); });
    form.addEventListener("submit", function () { save(form, index, true); });
  });
  var notice = document.getElementById("draft-restored");
  var main = document.getElementById("main");
  if (restored && notice && main) { main.insertBefore(notice, main.firstChild); notice.hidden = false; }

  // The warning. Every page load and keep-alive restarts the idle time; other tabs of the same
  // practice share the last time through localStorage, so one tab does not warn while another
  // is in use.
  var total = parseInt(body.getAttribute("data-session-seconds") || "", 10);
  var dialog = document.getElementById("session-warning");
  if (!total || !dialog || typeof dialog.showModal !== "function") return;
  var lead = Math.min(300, Math.floor(total / 5)) * 1000;
  var mine = Date.now();
  function touched() {
    var shared = 0;
    try { shared = parseInt(localStorage.getItem(STAMP) || "0", 10) || 0; } catch (e) { /* blocked */ }
    return Math.max(mine, shared);
  }
  function touch() {
    mine = Date.now();
    try { localStorage.setItem(STAMP, String(mine)); } catch (e) { /* blocked */ }
  }
  touch();
  var token = "";
  try { token = JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { /* none */ }
  var gone = false;
  function showGone() {
    gone = true;
    Array.prototype.forEach.call(dialog.querySelectorAll(".session-soon"), function (el) { el.hidden = true; });
    Array.prototype.forEach.call(dialog.querySelectorAll(".session-gone"), function (el) { el.hidden = false; });
    if (!dialog.open) dialog.showModal();
    var again = document.getElementById("session-sign-in");
    if (again) again.focus();
  }
  function keepAlive() {
    return fetch(body.getAttribute("data-keepalive"), {
      method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": token, "Accept": "application/json" },
    }).then(function (response) {
      if (response.status === 401 || response.redirected) { showGone(); return false; }
      if (!response.ok) return false;
      touch();
      return true;
    }, function () { return false; });
  }
  function check() {
    if (gone) return;
    var left = touched() + total * 1000 - Date.now();
    if (left <= 0) showGone();
    else if (left <= lead && !dialog.open) dialog.showModal();
    else if (left > lead && dialog.open) dialog.close();
  }
  document.getElementById("session-stay").addEventListener("click", function () {
    keepAlive().then(function (ok) { if (ok) { dialog.close(); check(); } });
  });
  // Typing is work: at most one keep-alive a minute while someone writes.
  var lastSent = 0;
  document.addEventListener("input", function () {
    if (gone || Date.now() - lastSent < 60000) return;
    lastSent = Date.now();
    keepAlive();
  });
  setInterval(check, 10000);
})();
