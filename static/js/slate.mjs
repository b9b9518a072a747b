// Drag-and-drop reordering of a succession slate: a shortcut for the Move up and Move down
// buttons, which keep working without it (and for keyboard users). On drop it sends the page's
// reorder form, an ordinary POST with the plan's version, so conflicts show as on any other form.

const table = document.querySelector("table[data-slate-reorder]");
const form = table && document.getElementById(table.dataset.slateReorder);

if (table && form && table.tBodies[0] && table.tBodies[0].rows.length > 1) {
  const body = table.tBodies[0];
  const rows = () => Array.from(body.rows);
  const orderOf = () => rows().map((row) => row.dataset.nominationId);
  const before = orderOf().join(",");
  let dragged = null;

  for (const row of rows()) {
    row.draggable = true;
    row.addEventListener("dragstart", (event) => {
      dragged = row;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.dataset.nominationId);
    });
    row.addEventListener("dragend", () => {
      dragged = null;
    });
    row.addEventListener("dragover", (event) => {
      if (!dragged || dragged === row) return;
      event.preventDefault();
      const box = row.getBoundingClientRect();
      const below = event.clientY > box.top + box.height / 2;
      body.insertBefore(dragged, below ? row.nextSibling : row);
    });
  }

  body.addEventListener("dragover", (event) => {
    if (dragged) event.preventDefault();
  });
  body.addEventListener("drop", (event) => {
    event.preventDefault();
    const order = orderOf();
    if (order.join(",") === before) return;
    for (const old of form.querySelectorAll("input[name='order']")) old.remove();
    for (const id of order) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "order";
      input.value = id;
      form.append(input);
    }
    form.submit();
  });

  const hint = document.getElementById("slate-drag-hint");
  if (hint) hint.hidden = false;
}
