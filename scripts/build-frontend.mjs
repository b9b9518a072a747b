// Builds the NHS.UK design system into static/dist: our Sass against the pinned nhsuk-frontend
// package, plus its JavaScript module and images. static/dist is never committed.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nhsuk = join(root, "node_modules", "nhsuk-frontend", "dist", "nhsuk");
const dist = join(root, "static", "dist");

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, "css"), { recursive: true });
mkdirSync(join(dist, "js"), { recursive: true });

const result = sass.compile(join(root, "static", "scss", "main.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(dist, "css", "main.css"), result.css);

cpSync(join(nhsuk, "nhsuk-frontend.min.js"), join(dist, "js", "nhsuk-frontend.min.js"));
cpSync(join(nhsuk, "assets", "images"), join(dist, "images"), { recursive: true });
cpSync(join(nhsuk, "assets", "manifest.json"), join(dist, "manifest.json"));

console.log(`Built static/dist (${result.css.length} bytes of CSS)`);
