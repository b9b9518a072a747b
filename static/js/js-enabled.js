// Marks the page as having JavaScript, as the NHS.UK design system expects (no inline script: CSP).
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
