// The console's only script: pages that change by themselves, and the one question before confirming.
"use strict";
(() => {
  const announce = (text) => {
    const box = document.querySelector("[data-announce]");
    if (box && text) { box.textContent = text; box.hidden = false; }
  };

  // A live page names a small JSON address (data-live) answering {sig, pending}. It is asked every second; when its
  // signature changes, the page is fetched again and each [data-live-region] is replaced by its fresh copy. Ticked
  // boxes stay ticked; a rising number of pending events is announced.
  for (const root of document.querySelectorAll("[data-live]")) {
    let sig = root.dataset.liveSig || "";
    let pending = Number(root.dataset.livePending || "0");
    let busy = false;
    const tick = async () => {
      if (busy || document.hidden) return;
      busy = true;
      try {
        const state = await (await fetch(root.dataset.live, { headers: { Accept: "application/json" }, cache: "no-store" })).json();
        if (state.sig === sig) return;
        const page = await (await fetch(location.href, { cache: "no-store" })).text();
        const fresh = new DOMParser().parseFromString(page, "text/html");
        const ticked = new Set([...document.querySelectorAll("input[type=checkbox]:checked")].map(i => i.name + "=" + i.value));
        for (const region of document.querySelectorAll("[data-live-region]")) {
          const next = fresh.getElementById(region.id);
          if (next) region.replaceWith(document.importNode(next, true));
        }
        for (const box of document.querySelectorAll("input[type=checkbox]")) {
          if (ticked.has(box.name + "=" + box.value) && !box.disabled) box.checked = true;
        }
        if (typeof state.pending === "number" && state.pending > pending) {
          const added = state.pending - pending;
          announce(added === 1 ? root.dataset.announceOne : (root.dataset.announceMany || "").replace("{0}", String(added)));
        }
        sig = state.sig;
        if (typeof state.pending === "number") pending = state.pending;
        document.dispatchEvent(new CustomEvent("console:updated"));
      } catch (e) {
        // The next tick tries again; a restart of the bot is not an error worth a dialog.
      } finally {
        busy = false;
      }
    };
    setInterval(tick, Number(root.dataset.liveMs || "1000"));
  }

  // Confirming asks once, saying how many chats on which platforms will be alerted (data-confirm-url answers
  // {message} for the ticked events, or for data-confirm-ids).
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirmUrl || form.dataset.asked === "yes") return;
    event.preventDefault();
    const ids = form.dataset.confirmIds
      ? form.dataset.confirmIds.split(",")
      : [...form.querySelectorAll("input[name=ids]:checked")].map(i => i.value);
    const url = new URL(form.dataset.confirmUrl, location.href);
    for (const id of ids) url.searchParams.append("ids", id);
    try {
      const answer = await (await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" })).json();
      if (!window.confirm(answer.message)) return;
    } catch (e) {
      if (!window.confirm(form.dataset.confirmFallback || "Confirm?")) return;
    }
    form.dataset.asked = "yes";
    form.submit();
  });
})();

// Search inside a picker: typing in [data-filter=x] hides the [data-filter-item=x] labels that do not contain it
// (in either language; case, Arabic diacritics and tatweel ignored). Ticked choices always stay in view.
(() => {
  const fold = (s) => s.toLowerCase().normalize("NFKD").replace(/[\u064B-\u065F\u0670\u0640\u0300-\u036f]/g, "")
    .replace(/[أإآ]/g, "ا").replace(/ى/g, "ي").replace(/ة/g, "ه");
  document.addEventListener("input", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.dataset.filter) return;
    const wanted = fold(box.value.trim());
    for (const item of box.form.querySelectorAll(`[data-filter-item="${box.dataset.filter}"]`)) {
      const ticked = item.querySelector("input:checked") !== null;
      const name = item.querySelector("label") ?? item; // an actor's role select is not part of its name
      item.hidden = wanted.length > 0 && !ticked && !fold(name.textContent).includes(wanted);
    }
  });
})();
