// Material runs a search when a key is released in the search box, and a paste from a menu
// (a long press on a phone, a mouse's context menu) releases none: the pasted error message
// would not be searched until the next key. Any change to the box's text is handed to Material
// as a key released.
document.addEventListener(
  "input",
  (event) => {
    const box = event.target;
    if (box instanceof HTMLInputElement && box.matches(".md-search__input") && !event.isComposing) {
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  },
  true
);
