// Every admin screen by path (under /admin). The worker route registers exactly these.
import type { Screen } from "./render";
import { accountScreen, inviteScreen, loginScreen } from "./login";
import { sitesScreen } from "./sites";
import { siteScreen } from "./site";
import { segmentsScreen } from "./segments";
import { segmentEditorScreen } from "./segment-editor";
import { experiencesScreen } from "./experiences";
import { experienceEditorScreen } from "./experience-editor";
import { publishScreen } from "./publish";
import { auditScreen } from "./audit";
import { usersScreen } from "./users";

/** Reachable without a session. */
export const PUBLIC_SCREENS: Record<string, Screen> = {
  "/login": loginScreen,
  "/invite": inviteScreen,
};

export const SCREENS: Record<string, Screen> = {
  "/": sitesScreen,
  "/account": accountScreen,
  "/users": usersScreen,
  "/audit": auditScreen,
  "/sites/:site": siteScreen,
  "/sites/:site/segments": segmentsScreen,
  "/sites/:site/segments/new": segmentEditorScreen,
  "/sites/:site/segments/:id": segmentEditorScreen,
  "/sites/:site/experiences": experiencesScreen,
  "/sites/:site/experiences/new": experienceEditorScreen,
  "/sites/:site/experiences/:id": experienceEditorScreen,
  "/sites/:site/publish": publishScreen,
};
