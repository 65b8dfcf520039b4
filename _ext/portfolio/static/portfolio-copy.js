/* Academic portfolio: a "Copy" button on each BibTeX block. The BibTeX is readable without it. */
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) return;
  for (const pre of document.querySelectorAll(".pub-bibtex pre")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "pub-copy";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy BibTeX to the clipboard");
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(pre.innerText);
        button.textContent = "Copied";
      } catch {
        button.textContent = "Copy failed";
      }
      setTimeout(() => { button.textContent = "Copy"; }, 2000);
    });
    pre.parentElement.insertBefore(button, pre);
  }
});
