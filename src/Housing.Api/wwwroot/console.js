// Small progressive enhancements; every page works without them.
"use strict";

// A form marked data-once sends once: a double click on "+" or "Refer" makes one change.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-once")) return;
  if (form.dataset.sent) { event.preventDefault(); return; }
  form.dataset.sent = "1";
  // After the browser has read the clicked button's name and value.
  setTimeout(() => form.querySelectorAll("button").forEach((b) => { b.disabled = true; }), 0);
});

// A region marked data-poll is refreshed from its URL every data-poll-seconds (a page fragment
// from our own origin); it sits in an aria-live region, so a changed status is announced.
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
      const html = await response.text();
      if (html.trim() !== region.innerHTML.trim()) region.innerHTML = html;
    } catch {
      // Offline for a moment: try again at the next tick.
    }
  }, seconds * 1000);
});

// After a search the answer comes first: focus its heading, which brings it into view and has a
// screen reader start there. Only the search's answer has this heading.
document.getElementById("results-heading")?.focus();

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
