// Shapes of the admin accounts API: roles, logins, users, invites, API tokens, links.
import { z } from "zod";
import { slug } from "./common";

export const role = z.enum(["viewer", "editor", "owner"]);
export type Role = z.infer<typeof role>;

const email = z.string().trim().toLowerCase().max(254).pipe(z.email("not an email address"));
/** Long enough to resist guessing at 100,000 PBKDF2 iterations; the cap bounds the hashing work. */
const password = z.string().min(12, "use at least 12 characters").max(200, "use at most 200 characters");

export const loginInput = z.object({ email, password: z.string().min(1).max(200) });
export const userInput = z.object({ email, password, role });
export const userPatch = z.object({ role }).strict();
export const passwordChange = z.object({ currentPassword: z.string().min(1).max(200), newPassword: password });
export const inviteInput = z.object({ email, role });
export const inviteAccept = z.object({ token: z.string().min(1).max(200), password });
export const apiTokenInput = z.object({ name: z.string().trim().min(1).max(100), role });

export const linkInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("preview"), experience: slug, segment: slug, url: z.url().max(2000).optional() }),
  z.object({ kind: z.literal("editor"), experience: slug, url: z.url().max(2000).optional() }),
]);
export type LinkInput = z.infer<typeof linkInput>;

export const rollbackInput = z.object({ version: z.number().int().positive() });

export interface User {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
}
