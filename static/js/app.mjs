// Starts the NHS.UK design system's components. Every page works without this.
import { initAll } from "../dist/js/nhsuk-frontend.min.js";

initAll();
