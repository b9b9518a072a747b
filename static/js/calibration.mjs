// Dragging a name to another box of the calibration grid: a shortcut for the Move form under
// each person, which keeps working without it (and for keyboard users). A drop fills in that
// person's form with the box and asks for the reason; the move is made only when they send it.

const grid = document.querySelector("table[data-calibration-grid]:not([data-closed])");

if (grid) {
  const formFor = (personId) =>
    document.querySelector(`form[data-calibration-move="${CSS.escape(personId)}"]`);
  let dragged = null;

  for (const item of grid.querySelectorAll("li[data-person]")) {
    if (!formFor(item.dataset.person)) continue;
    item.draggable = true;
    item.addEventListener("dragstart", (event) => {
      dragged = item.dataset.person;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged);
    });
    item.addEventListener("dragend", () => {
      dragged = null;
    });
  }

  for (const box of grid.querySelectorAll("td[data-performance][data-potential]")) {
    box.addEventListener("dragover", (event) => {
      if (dragged) event.preventDefault();
    });
    box.addEventListener("drop", (event) => {
      event.preventDefault();
      const personId = dragged || event.dataTransfer.getData("text/plain");
      const form = personId && formFor(personId);
      if (!form) return;
      form.querySelector("select[name$='-performance']").value = box.dataset.performance;
      form.querySelector("select[name$='-potential']").value = box.dataset.potential;
      const details = form.closest("details");
      if (details) details.open = true;
      const reason = form.querySelector("textarea[name$='-reason']");
      form.scrollIntoView({ block: "center" });
      if (reason) reason.focus();
    });
  }

  const hint = document.getElementById("calibration-drag-hint");
  if (hint) hint.hidden = false;
}
