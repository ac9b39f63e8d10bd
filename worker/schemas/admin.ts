// Shapes of the admin accounts API: roles, logins, users, invites, API tokens, links.
import * as z from "./zod";
import { slug } from "./common";

export const role = z.enum(["viewer", "editor", "owner"]);
export type Role = z.infer<typeof role>;

const email = z.pipe(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254)), z.email("not an email address"));
/** Long enough to resist guessing at 100,000 PBKDF2 iterations; the cap bounds the hashing work. */
const password = z.string().check(z.minLength(12, "use at least 12 characters"), z.maxLength(200, "use at most 200 characters"));
const secret = z.string().check(z.minLength(1), z.maxLength(200));

export const loginInput = z.object({ email, password: secret });
export const userInput = z.object({ email, password, role });
export const userPatch = z.strictObject({ role });
export const passwordChange = z.object({ currentPassword: secret, newPassword: password });
export const inviteInput = z.object({ email, role });
export const inviteAccept = z.object({ token: secret, password });
export const apiTokenInput = z.object({ name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)), role });

const linkUrl = z.optional(z.url().check(z.maxLength(2000)));
export const linkInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("preview"), experience: slug, segment: slug, url: linkUrl }),
  z.object({ kind: z.literal("editor"), experience: slug, url: linkUrl }),
]);
export type LinkInput = z.infer<typeof linkInput>;

export const rollbackInput = z.object({ version: z.number().check(z.int(), z.positive()) });

export interface User {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
}
