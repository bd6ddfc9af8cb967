// The headache diary on the phone. Entries are written to a queue on the device (IndexedDB)
// first and sent to /api/diary/sync when the connection returns, when the page loads and when
// the patient taps "Sync". Each entry carries an id made here, so sending it twice is harmless.
// Only unsent entries are kept on the device; the list of earlier entries is fetched and held
// in memory (docs/diary-offline.md).
(function () {
  "use strict";
  var root = document.getElementById("diary");
  if (!root) return;
  var OWNER = root.getAttribute("data-owner");
  var API = root.getAttribute("data-api");
  var T = JSON.parse(document.getElementById("diary-strings").textContent);
  var LANG = document.documentElement.lang || "en";
  var BATCH = 500;  // entries per request, the API's limit
  // Bytes per request: the server refuses a larger body (413). Each request is kept below it, so
  // a full queue of long notes is sent in several requests (docs/diary-sync.md).
  var MAX_BYTES = parseInt(root.getAttribute("data-max-bytes"), 10) || Infinity;

  function fmt(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, key) { return String(values[key]); });
  }

  // --- The queue on the device --------------------------------------------------------------
  var DB_NAME = "headway-diary";
  var dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () { request.result.createObjectStore("outbox", { keyPath: "id" }); };
        request.onsuccess = function () {
          // Let logout (in another script) delete the database without waiting for this page.
          request.result.onversionchange = function () { request.result.close(); dbPromise = null; };
          resolve(request.result);
        };
        request.onerror = function () { reject(request.error); };
      });
    }
    return dbPromise;
  }
  function store(mode, work) {
    return db().then(function (database) {
      return new Promise(function (resolve, reject) {
        var tx = database.transaction("outbox", mode);
        var result = work(tx.objectStore("outbox"));
        tx.oncomplete = function () { resolve(result && "result" in result ? result.result : undefined); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  var outbox = {
    all: function () { return store("readonly", function (s) { return s.getAll(); }); },
    put: function (record) { return store("readwrite", function (s) { s.put(record); }); },
    remove: function (id) { return store("readwrite", function (s) { s.delete(id); }); },
  };

  // --- Ids, dates -------------------------------------------------------------------------
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function localDay(date) { return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()); }
  function localInput(date) { return localDay(date) + "T" + pad(date.getHours()) + ":" + pad(date.getMinutes()); }
  function fromInput(value) { return value ? new Date(value) : null; }
  var dayFormat = new Intl.DateTimeFormat(LANG, { weekday: "short", day: "numeric", month: "short" });
  var timeFormat = new Intl.DateTimeFormat(LANG, { hour: "2-digit", minute: "2-digit" });

  // --- State ------------------------------------------------------------------------------
  var server = [];        // entries from the API: in memory only
  var pending = [];       // the queue's records: {id, owner, entry, error}
  var signedOut = false;
  var loadFailed = false;
  var statusLine = document.getElementById("sync-status");
  var list = document.getElementById("entry-list");
  var earlier = document.getElementById("show-earlier");
  // The list shows the last PAGE days and PAGE more per "Show earlier days", so it stays short
  // on a phone. The last 60 days are fetched; the API's 400 when the patient asks for more.
  var PAGE = 14;
  var shownDays = PAGE;
  var fetchedDays = 60;
  var MOST_DAYS = 400;
  var noEarlier = false;  // asked for earlier days, and there were none
  // The entry saved last, until the next form opens: the status line says whether it is only on
  // this phone yet or already on the server.
  var justSaved = null;  // {id, deleted}

  function merged() {
    var byId = {};
    server.forEach(function (e) { byId[e.id] = { entry: e, waiting: false }; });
    pending.forEach(function (r) { byId[r.id] = { entry: r.entry, waiting: true, error: r.error }; });
    return Object.keys(byId).map(function (k) { return byId[k]; })
      .filter(function (item) { return !item.entry.deleted; })
      .sort(function (a, b) {
        var ka = a.entry.day + (a.entry.start || ""), kb = b.entry.day + (b.entry.start || "");
        return ka < kb ? 1 : ka > kb ? -1 : 0;
      });
  }

  function describe(entry) {
    var parts = [dayFormat.format(new Date(entry.day + "T12:00:00"))];
    if (entry.kind === "attack") {
      parts.push(timeFormat.format(new Date(entry.start)));
      parts.push(T.attack + ", " + fmt(T.peak, { n: entry.peak_intensity }));
      if (!entry.end) parts.push(T.still_going);
    } else {
      parts.push(T.checkin + ": " + (entry.headache ? fmt(T.headache_today, { n: entry.worst_intensity }) : T.no_headache));
    }
    return parts.join(" · ");
  }

  function daysAgo(day) {
    var today = new Date(localDay(new Date()) + "T12:00:00");
    return Math.round((today - new Date(day + "T12:00:00")) / 86400000);
  }
  function cutoffDay() {
    var d = new Date();
    d.setDate(d.getDate() - (shownDays - 1));
    return localDay(d);
  }

  function render() {
    // The list is drawn anew; an entry that had the focus gets it back.
    var active = document.activeElement;
    var focusedId = active && list.contains(active) ? active.getAttribute("data-id") : null;
    list.textContent = "";
    var all = merged();
    var cutoff = cutoffDay();
    // An entry still waiting (or refused) is always listed, however old its day.
    var items = all.filter(function (item) { return item.waiting || item.entry.day >= cutoff; });
    var hidden = all.length - items.length;
    earlier.hidden = !hidden && !(fetchedDays < MOST_DAYS && navigator.onLine && !signedOut && !loadFailed);
    items.forEach(function (item) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "entry outline secondary";
      button.setAttribute("data-id", item.entry.id);
      button.textContent = describe(item.entry);
      if (item.waiting) {
        var badge = document.createElement("small");
        badge.className = item.error ? "entry-error" : "entry-waiting";
        badge.textContent = item.error ? fmt(T.rejected, { problem: item.error }) : T.waiting;
        button.appendChild(document.createElement("br"));
        button.appendChild(badge);
      } else if (item.entry.corrections) {
        var note = document.createElement("small");
        note.textContent = " (" + T.corrected + ")";
        button.appendChild(note);
      }
      button.addEventListener("click", function () { edit(item.entry); });
      li.appendChild(button);
      list.appendChild(li);
    });
    if (!items.length) {
      var empty = document.createElement("li");
      empty.textContent = loadFailed ? T.load_failed : fmt(T.none_since, { day: dayFormat.format(new Date(cutoff + "T12:00:00")) });
      list.appendChild(empty);
    }
    if (noEarlier && earlier.hidden) {
      var end = document.createElement("li");
      end.id = "no-earlier";
      end.tabIndex = -1;
      end.textContent = T.no_earlier;
      list.appendChild(end);
    }
    if (focusedId) {
      var again = list.querySelector('button.entry[data-id="' + focusedId + '"]');
      if (again) again.focus();
    }
    renderOpenAttack(all);
    var unsent = pending.filter(function (r) { return !r.error; }).length;
    var saved = justSaved && pending.filter(function (r) { return r.id === justSaved.id; })[0];
    if (signedOut) statusLine.textContent = T.signed_out;
    else if (justSaved && !saved) statusLine.textContent = justSaved.deleted ? T.deleted_sent : T.saved_sent;
    else if (saved && !saved.error) {
      statusLine.textContent = syncing ? T.sending : justSaved.deleted ? T.deleted_here : T.saved_here;
    }
    else if (!navigator.onLine && unsent) statusLine.textContent = T.offline + " " + fmt(T.n_waiting, { n: unsent });
    else if (!navigator.onLine) statusLine.textContent = T.offline;
    else if (unsent) statusLine.textContent = fmt(T.n_waiting, { n: unsent });
    else statusLine.textContent = T.all_sent;
  }

  // --- Sending ----------------------------------------------------------------------------
  var syncing = null;
  var again = false;
  function sync() {
    if (syncing) { again = true; return syncing; }  // an entry saved meanwhile goes next
    syncing = doSync().catch(function () { /* offline or server away: try again later */ })
      .then(function () {
        syncing = null;
        if (again && !signedOut) { again = false; return sync(); }
        return refresh();
      });
    return syncing;
  }

  function doSync() {
    statusLine.textContent = T.sending;
    return fetch(API + "me", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) { signedOut = true; throw new Error("signed out"); }
        if (!response.ok) throw new Error("me " + response.status);
        signedOut = false;
        return response.json();
      })
      .then(function (me) {
        if (me.owner !== OWNER) { window.location.reload(); throw new Error("another account"); }
        return outbox.all().then(function (records) {
          var mine = records.filter(function (r) { return r.owner === OWNER && !r.error; });
          var chain = Promise.resolve();
          batches(mine).forEach(function (batch) {
            chain = chain.then(function () { return send(batch, me.csrf); });
          });
          return chain;
        });
      });
  }

  // Consecutive runs of at most BATCH entries whose request body stays within MAX_BYTES. The
  // body is {"entries":[e1,e2,...]}: 14 bytes around the entries and a comma between them.
  function batches(records) {
    var encoder = new TextEncoder();
    var result = [];
    var current = [];
    var size = 14;
    records.forEach(function (r) {
      var bytes = encoder.encode(JSON.stringify(r.entry)).length;
      var extra = current.length ? bytes + 1 : bytes;
      if (current.length && (current.length >= BATCH || size + extra > MAX_BYTES)) {
        result.push(current);
        current = [];
        size = 14;
        extra = bytes;
      }
      current.push(r);
      size += extra;
    });
    if (current.length) result.push(current);
    return result;
  }

  function send(batch, csrf) {
    var body = JSON.stringify({ entries: batch.map(function (r) { return r.entry; }) });
    return fetch(API + "sync", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
      body: body,
    }).then(function (response) {
      if (response.status === 401 || response.status === 403) { signedOut = true; throw new Error("signed out"); }
      if (response.status === 413) {
        // The limit is lower than the page said (changed since it loaded, or a proxy's): the
        // next sync splits the queue by the limit the server gives, or by half this request.
        return response.json().catch(function () { return {}; }).then(function (answer) {
          var sent = new TextEncoder().encode(body).length;
          MAX_BYTES = answer.max_bytes > 0 ? answer.max_bytes : Math.floor(sent / 2);
          throw new Error("sync 413");
        });
      }
      if (!response.ok) throw new Error("sync " + response.status);
      return response.json();
    }).then(function (answer) {
      var sent = {};
      batch.forEach(function (r) { sent[r.id] = r.entry.changed_at; });
      return outbox.all().then(function (now) {
        var current = {};
        now.forEach(function (r) { current[r.id] = r; });
        return Promise.all(answer.results.map(function (result) {
          var record = current[result.id];
          // An entry edited again while this batch was on its way stays queued.
          if (!record || record.entry.changed_at !== sent[result.id]) return null;
          if (result.status === "accepted") return outbox.remove(result.id);
          // The server's reason is for developers (English); the patient reads which answer.
          var fields = (result.errors || []).map(function (e) { return T.fields[e.field.split(".")[0]] || T.fields.entry; });
          record.error = fields.filter(function (f, i) { return fields.indexOf(f) === i; }).join(", ") || T.fields.entry;
          return outbox.put(record);
        }));
      });
    });
  }

  function refresh() {
    return outbox.all().then(function (records) {
      // Entries queued by another account on this phone are never sent into this diary.
      var foreign = records.filter(function (r) { return r.owner !== OWNER; });
      pending = records.filter(function (r) { return r.owner === OWNER; });
      return Promise.all(foreign.map(function (r) { return outbox.remove(r.id); }));
    }).then(function () {
      if (!navigator.onLine || signedOut) return null;
      return fetch(API + "entries?days=" + fetchedDays, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (response.status === 401 || response.status === 403) { signedOut = true; return null; }
          if (!response.ok) throw new Error("entries " + response.status);
          return response.json().then(function (entries) { server = entries; loadFailed = false; });
        })
        .catch(function () { loadFailed = !server.length; });
    }).then(render);
  }

  function queue(entry) {
    return outbox.put({ id: entry.id, owner: OWNER, entry: entry, error: null }).then(function () {
      return refresh();
    }).then(function () {
      if (navigator.onLine) sync();
    });
  }

  // --- Forms ------------------------------------------------------------------------------
  var start = document.getElementById("diary-start");
  var attackForm = document.getElementById("attack-form");
  var checkinForm = document.getElementById("checkin-form");
  var details = document.getElementById("attack-details");
  var editing = null;  // the entry being corrected, or null for a new one
  // The groups of details the patient answered in this form. Only those are written, so an
  // untouched question stays as it was: unknown (null) for a new entry, never a silent "no".
  var touched = {};
  function touch(event) {
    var group = event.target.closest && event.target.closest("[data-group]");
    if (group) touched[group.getAttribute("data-group")] = true;
  }
  details.addEventListener("change", touch);
  details.addEventListener("input", touch);

  // Where the focus returns when a form closes: the button that opened it (an entry's button
  // is drawn anew, so it is found by the entry's id), else the status line.
  var opener = null;  // {id: element id} or {entry: entry id}
  function show(form) {
    [attackForm, checkinForm].forEach(function (f) { f.hidden = f !== form; });
    start.hidden = !!form;
    renderOpenAttack(merged());
    if (form) {
      justSaved = null;
      form.querySelector(".form-errors").hidden = true;
      form.scrollIntoView({ block: "start" });
      // The button that opened the form is hidden now: the focus goes to the form's heading,
      // so a screen reader announces the form and the next Tab reaches its first control.
      form.querySelector("h2").focus();
    }
  }
  function back() {
    var target = null;
    if (opener && opener.entry) target = list.querySelector('button.entry[data-id="' + opener.entry + '"]');
    else if (opener && opener.id) target = document.getElementById(opener.id);
    opener = null;
    if (!target || target.offsetParent === null) target = statusLine;
    target.focus();
  }
  function problem(form, text) {
    var box = form.querySelector(".form-errors");
    box.textContent = text;
    box.hidden = false;
    box.setAttribute("tabindex", "-1");
    box.focus();
  }
  function checked(form, name) {
    return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'), function (i) { return i.value; });
  }
  function setChecked(form, name, values) {
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (input) {
      input.checked = values.indexOf(input.value) !== -1;
    });
  }
  function radio(form, name) { var v = checked(form, name); return v.length ? v[0] : null; }

  function paintMap() {
    var chosen = checked(attackForm, "region");
    attackForm.querySelectorAll(".diary-map .spot").forEach(function (spot) {
      var region = spot.getAttribute("data-key").split("__")[0];
      var on = chosen.indexOf(region) !== -1;
      spot.setAttribute("class", spot.getAttribute("class").replace(/level-\d+/, on ? "level-6" : "level-0"));
      spot.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  function toggleSpot(spot) {
    var region = spot.getAttribute("data-key").split("__")[0];
    var box = attackForm.querySelector('input[name="region"][value="' + region + '"]');
    if (box) { box.checked = !box.checked; touched.regions = true; paintMap(); }
  }
  var map = attackForm.querySelector(".diary-map");
  map.addEventListener("click", function (event) { var s = event.target.closest(".spot"); if (s) toggleSpot(s); });
  map.addEventListener("keydown", function (event) {
    var s = event.target.closest(".spot");
    if (s && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); toggleSpot(s); }
  });
  map.addEventListener("change", paintMap);

  var rows = document.getElementById("medication-rows");
  function addMedication(med) {
    var row = document.getElementById("medication-row").content.firstElementChild.cloneNode(true);
    if (med) {
      row.querySelector('[name="drug_class"]').value = med.drug_class;
      row.querySelector('[name="drug_name"]').value = med.name || "";
      row.querySelector('[name="dose"]').value = med.dose || "";
    }
    row.querySelector(".remove-medication").addEventListener("click", function () {
      row.remove();
      touched.medications = true;
    });
    rows.appendChild(row);
  }
  document.getElementById("add-medication").addEventListener("click", function () {
    addMedication(null);
    touched.medications = true;
  });

  var ongoing = document.getElementById("attack-ongoing");
  var endField = document.getElementById("attack-end");
  ongoing.addEventListener("change", function () {
    endField.disabled = ongoing.checked;
    if (!ongoing.checked && !endField.value) endField.value = localInput(new Date());
  });

  function openAttack(entry) {
    editing = entry;
    touched = {};
    attackForm.reset();
    rows.textContent = "";
    var now = new Date();
    document.getElementById("attack-start").value = localInput(entry ? new Date(entry.start) : now);
    ongoing.checked = !(entry && entry.end);
    endField.value = entry && entry.end ? localInput(new Date(entry.end)) : "";
    endField.disabled = ongoing.checked;
    details.open = false;
    if (entry) {
      setChecked(attackForm, "peak_intensity", [String(entry.peak_intensity)]);
      setChecked(attackForm, "side", entry.side ? [entry.side] : []);
      setChecked(attackForm, "region", entry.regions || []);
      setChecked(attackForm, "quality", entry.quality ? [entry.quality] : []);
      setChecked(attackForm, "symptom", ["nausea", "vomiting", "photophobia", "phonophobia", "autonomic_features", "restlessness"].filter(function (k) { return entry[k]; }));
      setChecked(attackForm, "aura", entry.aura || []);
      setChecked(attackForm, "trigger", entry.triggers || []);
      (entry.medications || []).forEach(addMedication);
      var sm = entry.self_management;
      document.getElementById("sm-used").checked = !!(sm && sm.used);
      document.getElementById("sm-stopped").checked = !!(sm && sm.stopped_attack);
      document.getElementById("sm-minutes").value = sm && sm.minutes != null ? sm.minutes : "";
      document.getElementById("attack-note").value = entry.note || "";
    }
    attackForm.querySelector(".delete").hidden = !entry;
    paintMap();
    show(attackForm);
  }

  function attackEntry() {
    var peak = radio(attackForm, "peak_intensity");
    if (peak === null) { problem(attackForm, T.pick_intensity); return null; }
    var startAt = fromInput(document.getElementById("attack-start").value) || new Date();
    var endAt = ongoing.checked ? null : fromInput(endField.value);
    if (endAt && endAt < startAt) { problem(attackForm, T.end_before_start); return null; }
    var base = editing ? JSON.parse(JSON.stringify(editing)) : {};
    delete base.corrections;
    var entry = Object.assign(base, {
      id: editing ? editing.id : newId(),
      changed_at: new Date().toISOString(),
      kind: "attack",
      day: localDay(startAt),
      deleted: false,
      start: startAt.toISOString(),
      end: endAt ? endAt.toISOString() : null,
      peak_intensity: parseInt(peak, 10),
    });
    // Only the questions answered in this form are written (see `touched`).
    if (touched.symptoms) {
      var symptoms = checked(attackForm, "symptom");
      ["nausea", "vomiting", "photophobia", "phonophobia", "autonomic_features", "restlessness"].forEach(function (k) {
        entry[k] = symptoms.indexOf(k) !== -1;
      });
    }
    if (touched.side) entry.side = radio(attackForm, "side");
    if (touched.regions) entry.regions = checked(attackForm, "region");
    if (touched.quality) entry.quality = radio(attackForm, "quality");
    if (touched.aura) entry.aura = checked(attackForm, "aura");
    if (touched.triggers) entry.triggers = checked(attackForm, "trigger");
    if (touched.medications) {
      entry.medications = Array.prototype.map.call(rows.querySelectorAll(".medication-row"), function (row) {
        return {
          drug_class: row.querySelector('[name="drug_class"]').value,
          name: row.querySelector('[name="drug_name"]').value.trim(),
          dose: row.querySelector('[name="dose"]').value.trim(),
        };
      });
    }
    if (touched.self_management) {
      var used = document.getElementById("sm-used").checked;
      var minutes = document.getElementById("sm-minutes").value;
      entry.self_management = used ? {
        used: true,
        stopped_attack: document.getElementById("sm-stopped").checked,
        minutes: minutes === "" ? null : parseInt(minutes, 10),
      } : { used: false, stopped_attack: null, minutes: null };
    }
    if (touched.note) entry.note = document.getElementById("attack-note").value.trim();
    return entry;
  }

  var checkinScale = document.getElementById("checkin-intensity");
  checkinForm.querySelectorAll('input[name="headache"]').forEach(function (input) {
    input.addEventListener("change", function () { checkinScale.hidden = radio(checkinForm, "headache") !== "yes"; });
  });

  function openCheckin(entry) {
    editing = entry;
    checkinForm.reset();
    document.getElementById("checkin-day").value = entry ? entry.day : localDay(new Date());
    document.getElementById("checkin-day").max = localDay(new Date());
    if (entry) {
      setChecked(checkinForm, "headache", [entry.headache ? "yes" : "no"]);
      setChecked(checkinForm, "worst_intensity", entry.worst_intensity != null ? [String(entry.worst_intensity)] : []);
      document.getElementById("checkin-note").value = entry.note || "";
    }
    checkinScale.hidden = radio(checkinForm, "headache") !== "yes";
    checkinForm.querySelector(".delete").hidden = !entry;
    show(checkinForm);
  }

  function checkinEntry() {
    var headache = radio(checkinForm, "headache");
    if (headache === null) { problem(checkinForm, T.pick_headache); return null; }
    var worst = radio(checkinForm, "worst_intensity");
    if (headache === "yes" && worst === null) { problem(checkinForm, T.pick_intensity); return null; }
    var base = editing ? JSON.parse(JSON.stringify(editing)) : {};
    delete base.corrections;
    return Object.assign(base, {
      id: editing ? editing.id : newId(),
      changed_at: new Date().toISOString(),
      kind: "checkin",
      day: document.getElementById("checkin-day").value || localDay(new Date()),
      deleted: false,
      headache: headache === "yes",
      worst_intensity: headache === "yes" ? parseInt(worst, 10) : null,
      note: document.getElementById("checkin-note").value.trim(),
    });
  }

  // The status line then says where the entry is: on this phone only, or sent (see render).
  function save(entry) {
    justSaved = { id: entry.id, deleted: entry.deleted };
    return queue(entry).then(function () {
      editing = null;
      show(null);
      render();
      back();
    });
  }

  attackForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var entry = attackEntry();
    if (entry) save(entry);
  });
  checkinForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var entry = checkinEntry();
    if (entry) save(entry);
  });
  [attackForm, checkinForm].forEach(function (form) {
    form.querySelector(".cancel").addEventListener("click", function () { editing = null; show(null); back(); });
    form.querySelector(".delete").addEventListener("click", function () {
      if (!editing || !window.confirm(T.delete_confirm)) return;
      var entry = JSON.parse(JSON.stringify(editing));
      delete entry.corrections;
      entry.deleted = true;
      entry.changed_at = new Date().toISOString();
      save(entry);
    });
  });

  function edit(entry) {
    opener = { entry: entry.id };
    if (entry.kind === "attack") openAttack(entry); else openCheckin(entry);
  }

  // --- An attack left open ----------------------------------------------------------------
  // "Headache now" records a start and no end. An attack still open OPEN_HOURS after its start
  // is asked about when the app opens (also from the reminder's link): longer than a cluster
  // attack lasts (ICHD-3 3.1 B: 15-180 min), soon enough that the end is still remembered.
  var OPEN_HOURS = 3;
  // The API refuses an end more than 14 days after the start (schemas.LONGEST_ATTACK).
  var LONGEST_MS = 14 * 86400000;
  var openPrompt = document.getElementById("open-attack");
  var endedAt = document.getElementById("ended-at");
  var endedNow = document.getElementById("ended-now");
  var promptFor = null;  // the attack asked about
  var askLater = {};     // answered "still going": asked again the next time the app opens

  function renderOpenAttack(all) {
    var formOpen = !attackForm.hidden || !checkinForm.hidden;
    var limit = Date.now() - OPEN_HOURS * 3600000;
    var open = formOpen ? [] : all.filter(function (item) {
      var e = item.entry;
      return e.kind === "attack" && !e.end && !item.error && !askLater[e.id] && new Date(e.start).getTime() < limit;
    });
    if (!open.length) { openPrompt.hidden = true; promptFor = null; return; }
    var entry = open[0].entry;  // the newest first
    openPrompt.hidden = false;
    if (promptFor === entry.id) return;  // keep what is being typed
    promptFor = entry.id;
    var startAt = new Date(entry.start);
    document.getElementById("open-attack-started").textContent = fmt(T.started, {
      when: dayFormat.format(startAt) + " " + timeFormat.format(startAt), n: entry.peak_intensity,
    });
    openPrompt.querySelector(".form-errors").hidden = true;
    var latest = new Date(Math.min(Date.now(), startAt.getTime() + LONGEST_MS));
    endedAt.value = "";
    endedAt.min = localInput(startAt);
    endedAt.max = localInput(latest);
    endedNow.hidden = Date.now() - startAt.getTime() > LONGEST_MS;
  }

  function afterPrompt() {
    if (!openPrompt.hidden) openPrompt.querySelector("h2").focus();
    else document.getElementById("log-attack").focus();
  }

  function endAttack(endAt) {
    var item = merged().filter(function (i) { return i.entry.id === promptFor; })[0];
    if (!item) return;
    var startAt = new Date(item.entry.start);
    // The input has minutes only: an end in the minute of the start counts as at the start.
    if (endAt && endAt < startAt && startAt - endAt < 60000) endAt = startAt;
    if (!endAt || isNaN(endAt.getTime()) || endAt < startAt || endAt > new Date() || endAt - startAt > LONGEST_MS) {
      problem(openPrompt, T.pick_end);
      return;
    }
    var entry = JSON.parse(JSON.stringify(item.entry));
    delete entry.corrections;
    entry.end = endAt.toISOString();
    entry.changed_at = new Date().toISOString();
    justSaved = { id: entry.id, deleted: false };
    queue(entry).then(afterPrompt);
  }
  endedNow.addEventListener("click", function () { endAttack(new Date()); });
  document.getElementById("ended-save").addEventListener("click", function () { endAttack(fromInput(endedAt.value)); });
  document.getElementById("still-going").addEventListener("click", function () {
    askLater[promptFor] = true;
    renderOpenAttack(merged());
    afterPrompt();
  });

  // --- Earlier days -----------------------------------------------------------------------
  function olderEntries() {
    var cutoff = cutoffDay();
    return merged().filter(function (i) { return !i.waiting && i.entry.day < cutoff; });
  }
  earlier.addEventListener("click", function () {
    var work = Promise.resolve();
    if (!olderEntries().length && fetchedDays < MOST_DAYS) {
      fetchedDays = MOST_DAYS;
      work = refresh();
    }
    work.then(function () {
      var older = olderEntries();
      shownDays += PAGE;
      // A gap of several weeks is skipped: each tap shows at least one more entry.
      if (older.length) shownDays = Math.max(shownDays, daysAgo(older[0].entry.day) + 1);
      noEarlier = !older.length;
      render();
      if (earlier.hidden) {
        var first = older.length && list.querySelector('button.entry[data-id="' + older[0].entry.id + '"]');
        (first || document.getElementById("no-earlier") || statusLine).focus();
      }
    });
  });

  document.getElementById("log-attack").addEventListener("click", function () { opener = { id: "log-attack" }; openAttack(null); });
  document.getElementById("log-checkin").addEventListener("click", function () { opener = { id: "log-checkin" }; openCheckin(null); });
  document.getElementById("sync-now").addEventListener("click", function () { sync(); });
  window.addEventListener("online", function () { sync(); });
  window.addEventListener("offline", render);

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.getAttribute("data-sw")).catch(function () { /* works without */ });
  }
  refresh().then(function () { if (navigator.onLine) sync(); });
})();
