// Marks the page as having JavaScript, as the NHS.UK design system expects. Written into each page
// by {% js_enabled_script %}, allowed by its hash in the Content-Security-Policy (settings).
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
