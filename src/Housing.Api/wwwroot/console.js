// Small progressive enhancements; every page works without them. Every word on screen comes
// from the page (data- attributes), so it is written, and translated, in one place.
"use strict";

let dialogs = 0;

// A form marked data-confirm does nothing on one click: a dialog asks first (the words are the
// form's data-confirm, data-confirm-yes and data-confirm-no), and only "yes" sends it, with
// confirm=yes. The server refuses the move without that field, so without this script the page
// asks on a confirm step instead.
function confirmThen(form) {
  const id = `confirm-${++dialogs}`;
  const dialog = document.createElement("dialog");
  dialog.className = "confirm-dialog";
  dialog.setAttribute("aria-labelledby", id);
  const question = document.createElement("p");
  question.id = id;
  question.textContent = form.dataset.confirm;
  const buttons = document.createElement("div");
  buttons.className = "decide";
  const yes = document.createElement("button");
  yes.type = "button";
  yes.className = "primary";
  yes.textContent = form.dataset.confirmYes;
  const no = document.createElement("button");
  no.type = "button";
  no.textContent = form.dataset.confirmNo;
  buttons.append(yes, no);
  dialog.append(question, buttons);
  yes.addEventListener("click", () => {
    const field = document.createElement("input");
    field.type = "hidden";
    field.name = "confirm";
    field.value = "yes";
    form.append(field);
    form.dataset.confirmed = "1";
    dialog.close();
    form.requestSubmit();
  });
  no.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  // The safe answer has the focus: Enter or Escape changes nothing.
  no.focus();
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  if (form.hasAttribute("data-confirm") && !form.dataset.confirmed) {
    event.preventDefault();
    confirmThen(form);
    return;
  }
  // A form marked data-once sends once: a double click on "+" or "Refer" makes one change.
  if (!form.hasAttribute("data-once")) return;
  if (form.dataset.sent) { event.preventDefault(); return; }
  form.dataset.sent = "1";
  // After the browser has read the clicked button's name and value; form.elements also holds
  // the buttons placed elsewhere that belong to the form by their form attribute.
  setTimeout(() => Array.from(form.elements).forEach((e) => { if (e instanceof HTMLButtonElement) e.disabled = true; }), 0);
});

// Swaps a fragment in. One whose root has data-state (a referral's status section, which holds
// forms whose tokens differ on every request) is swapped only when that state changed; then
// each of its empty data-keep slots keeps what the page shows there (placement details, which
// a poll never reads), and its data-announce text goes to the page's polite live region.
function swap(region, html) {
  const next = document.createElement("template");
  next.innerHTML = html.trim();
  const incoming = next.content.firstElementChild;
  const state = incoming?.getAttribute("data-state");
  if (state == null) {
    if (html.trim() !== region.innerHTML.trim()) region.innerHTML = html;
    return;
  }
  if (region.firstElementChild?.getAttribute("data-state") === state) return;
  next.content.querySelectorAll("[data-keep]").forEach((slot) => {
    const kept = region.querySelector(`[data-keep="${CSS.escape(slot.getAttribute("data-keep"))}"]`);
    if (kept && !slot.hasChildNodes()) slot.replaceWith(kept);
  });
  const announce = incoming.querySelector("[data-announce]")?.textContent.replace(/\s+/g, " ").trim();
  region.replaceChildren(next.content);
  const live = document.getElementById(region.getAttribute("data-poll-announce") ?? "");
  if (live && announce) live.textContent = announce;
  wirePrint(region);
}

// A region marked data-poll is refreshed from its URL every data-poll-seconds (a page fragment
// from our own origin). A changed status is announced: by the region itself when it is
// aria-live, else by the live region its data-poll-announce names.
document.querySelectorAll("[data-poll]").forEach((region) => {
  const seconds = Number(region.getAttribute("data-poll-seconds"));
  if (!(seconds > 0)) return;
  const url = region.getAttribute("data-poll");
  const timer = setInterval(async () => {
    if (document.hidden) return;
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } });
      // Signed out or the session ended: stop, and let the next page load show the sign-in.
      if (!response.ok || response.redirected) { clearInterval(timer); return; }
      swap(region, await response.text());
    } catch {
      // Offline for a moment: try again at the next tick.
    }
  }, seconds * 1000);
});

// A print button is hidden without this script (printing is the browser's own menu then).
function wirePrint(root) {
  root.querySelectorAll("button[data-print]:not([data-wired])").forEach((button) => {
    button.dataset.wired = "1";
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });
}
wirePrint(document);

// After a search the answer comes first: focus its heading, which brings it into view and has a
// screen reader start there. Only the search's answer has this heading. A refusal (such as the
// hold limit, with the referrals holding the beds) comes before it: then the refusal has the focus.
(document.getElementById("problem") ?? document.getElementById("results-heading"))?.focus();

// An unsafe place is put in words as it is typed ("ZIP code 90011: a 5 km circle around its
// centre, ..."), by the service itself and never an outside map service. Posted, like the
// search, as the form's first place: an unsafe place does not go into a URL. Each answer also
// goes to the page's map, if it has one, as a "housing:place" event with the circle.
document.querySelectorAll("fieldset.place").forEach((fieldset, row) => {
  const preview = fieldset.querySelector(".place-preview");
  const form = fieldset.closest("form");
  if (!preview || !form) return;
  let timer;
  const describe = async () => {
    const body = new FormData();
    fieldset.querySelectorAll("input[name]").forEach((input) => {
      body.append(input.name.replace(/^Form\.Places\[\d+\]/, "Form.Places[0]"), input.value);
    });
    const token = form.querySelector("input[name='__RequestVerificationToken']");
    if (token) body.append(token.name, token.value);
    try {
      const response = await fetch(`${location.pathname}?handler=Place`, { method: "POST", body, credentials: "same-origin" });
      if (!response.ok || response.redirected) return;
      const place = await response.json();
      preview.textContent = place.text;
      document.dispatchEvent(new CustomEvent("housing:place", { detail: { row, ...place } }));
    } catch {
      // Offline for a moment: the search itself still says where each place is.
    }
  };
  fieldset.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(describe, 350);
  });
  // After a search, the map draws the places already given.
  if (document.querySelector("[data-map]") && [...fieldset.querySelectorAll("input[name]")].some((i) => i.value.trim())) describe();
});

// A copy button is hidden without this script: then the readonly field beside it is selected
// and copied by hand. Its text says when the copy is done.
document.querySelectorAll("button[data-copy]").forEach((button) => {
  const field = document.getElementById(button.dataset.copy);
  if (!(field instanceof HTMLInputElement)) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = button.dataset.copied;
    } catch {
      // No clipboard permission: the field stays selected for the keyboard's own copy.
    }
  });
});
