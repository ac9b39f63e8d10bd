// The admin page's script: renders the screen for this URL into the Worker's shell (mount.ts), then wires
// whatever it contains. No framework; each part looks for its own markup, so a screen without it costs nothing.
import { $ } from "./dom";
import { setupActions } from "./actions";
import { setupExperienceEditor } from "./experience";
import { setupForms } from "./forms";
import { setupInstallCheck } from "./install-check";
import { mountScreen } from "./mount";
import { showFlash } from "./notice";
import { setupPriorities } from "./priorities";
import { setupSegmentEditor } from "./segment-editor";

function wire() {
  showFlash();
  setupForms();
  setupActions();
  if ($("[data-segments]")) setupPriorities();
  const segmentForm = $<HTMLFormElement>("#segment-form");
  if (segmentForm) setupSegmentEditor(segmentForm);
  const installCheck = $<HTMLButtonElement>("button[data-check-install]");
  if (installCheck) setupInstallCheck(installCheck);
  const experienceForm = $<HTMLFormElement>("#experience-form");
  if (experienceForm) setupExperienceEditor(experienceForm);
}

async function boot() {
  if (await mountScreen()) wire();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => void boot());
else void boot();
