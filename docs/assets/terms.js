// A term's definition in place (pmv.website.terms writes the markup): shown on hover, focus and
// tap, hidden on Escape, a tap elsewhere, or when the pointer and focus have left it.
// Listeners sit on the document, so pages that instant navigation swaps in need nothing more.
(() => {
  const TERM = ".pmv-term";
  const OPEN = "pmv-term--open";
  const GAP = 6; // px between the word and its definition, and from the window's edges
  let shown = null; // the open .pmv-term
  let pinned = false; // opened by a tap or click: stays until the next one, or Escape
  let leaving = 0;

  document.documentElement.classList.add("pmv-terms-js");

  function place(term) {
    const box = term.querySelector(".pmv-term__use").getBoundingClientRect();
    const card = term.querySelector(".pmv-term__definition");
    // Fixed, so that a table's scrolling wrapper does not clip it; within the window.
    const width = Math.min(card.offsetWidth, window.innerWidth - 2 * GAP);
    const left = Math.max(GAP, Math.min(box.left, window.innerWidth - width - GAP));
    const below = box.bottom + GAP;
    const fits = below + card.offsetHeight <= window.innerHeight - GAP;
    const top = fits || box.top < card.offsetHeight + 2 * GAP
      ? below : box.top - card.offsetHeight - GAP;
    card.style.left = `${left}px`;
    card.style.top = `${top}px`;
  }

  function show(term, pin = false) {
    clearTimeout(leaving);
    if (shown && shown !== term) hide();
    shown = term;
    pinned = pinned || pin;
    term.classList.add(OPEN);
    term.querySelector(".pmv-term__use").setAttribute("aria-expanded", "true");
    place(term);
  }

  function hide() {
    if (!shown) return;
    shown.classList.remove(OPEN);
    shown.querySelector(".pmv-term__use").setAttribute("aria-expanded", "false");
    shown = null;
    pinned = false;
  }

  document.addEventListener("click", (event) => {
    const use = event.target.closest(".pmv-term__use");
    if (!use) return;
    const term = use.closest(TERM);
    if (shown === term && pinned) hide();
    else show(term, true);
  });
  document.addEventListener("focusin", (event) => {
    const term = event.target.closest(TERM);
    if (term) show(term);
    else hide(); // focus went elsewhere, pinned or not
  });
  document.addEventListener("focusout", (event) => {
    const term = event.target.closest(TERM);
    if (term && term === shown && !term.contains(event.relatedTarget) && !pinned) hide();
  });
  document.addEventListener("pointerover", (event) => {
    if (event.pointerType !== "mouse") return;
    const term = event.target.closest(TERM);
    if (term) show(term);
  });
  document.addEventListener("pointerout", (event) => {
    if (event.pointerType !== "mouse" || !shown || pinned) return;
    if (shown.contains(event.relatedTarget) || shown.contains(document.activeElement)) return;
    // A moment to reach the definition (and its link) from the word.
    leaving = setTimeout(hide, 300);
  });
  document.addEventListener("pointerdown", (event) => {
    if (shown && !shown.contains(event.target)) hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !shown) return;
    const term = shown;
    // Focus stays on the word (from the link in the definition, it goes back to the word),
    // before the definition is hidden: focusing the word shows it (focusin), as on any visit.
    if (term.contains(document.activeElement)) term.querySelector(".pmv-term__use").focus();
    hide();
  }, true);
  // Scrolling moves the word; the definition, fixed to the window, follows it.
  const follow = () => shown && place(shown);
  window.addEventListener("scroll", follow, { passive: true, capture: true });
  window.addEventListener("resize", follow, { passive: true });
})();
