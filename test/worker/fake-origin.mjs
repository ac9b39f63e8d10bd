// Vitest globalSetup (Node): the site origin edge mode's tests put the Worker in front of (test/fakes/origin.ts).
// Plain JS for the same reason as fake-ipinfo.mjs.
import { startFakeOrigin } from "../fakes/origin";

/** @param {import("vitest/node").TestProject} project */
export default async function setup(project) {
  const origin = await startFakeOrigin();
  project.provide("originUrl", origin.url);
  return () => origin.close();
}
