// Every admin screen by path (admin/paths.ts lists the paths; the types keep both lists complete).
import type { PublicPath, ScreenPath } from "../paths";
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

export const SCREENS: Record<PublicPath | ScreenPath, Screen> = {
  "/login": loginScreen,
  "/invite": inviteScreen,
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
