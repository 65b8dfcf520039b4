// sphinx-book-theme blurs its header buttons on every click to hide their tooltips, so a
// keyboard user who presses Enter or Space on one (a click with detail 0) loses their place and
// cannot reach the colour-mode menu with the arrow keys. Give the focus back in that case.
document.addEventListener("click", (event) => {
  if (event.detail !== 0 || !(event.target instanceof Element)) return;
  const button = event.target.closest(
    ".theme-switch-button, .search-button, .primary-toggle, .secondary-toggle");
  if (!button) return;
  setTimeout(() => {
    if (document.activeElement === document.body) button.focus();
  });
});
