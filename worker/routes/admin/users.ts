// Admin accounts (owner only): create (the first owner is made with the owner token), list, change a
// role, remove; invites that let someone set their own password.
import { Hono } from "hono/tiny";
import type { AppEnv } from "../../env";
import { hashPassword } from "../../auth/password";
import { newId, randomToken, sha256Hex } from "../../auth/secrets";
import { INVITE_TTL_MS } from "../../auth/session-policy";
import { insertInvite } from "../../db/invites";
import { deleteUser, getUser, insertUser, listUsers, setRole } from "../../db/users";
import { requireRole } from "../../http/auth";
import { ApiError, notFound } from "../../http/errors";
import { jsonBody } from "../../http/validate";
import { actorOf } from "../../auth/principal";
import { inviteInput, userInput, userPatch } from "../../schemas/admin";
import { audit } from "./audit-trail";

const lastOwner = () => new ApiError(409, "last_owner", "This is the last owner; make someone else an owner first");

export const users = new Hono<AppEnv>()
  .get("/users", requireRole("owner"), async (c) => c.json({ users: await listUsers(c.env.DB) }))

  .post("/users", requireRole("owner"), async (c) => {
    const input = await jsonBody(c, userInput);
    const id = newId("usr");
    const { hash, salt } = await hashPassword(input.password);
    const now = Date.now();
    if (!(await insertUser(c.env.DB, { id, email: input.email, hash, salt, role: input.role }, now))) {
      throw new ApiError(409, "conflict", `An account for ${input.email} already exists`);
    }
    await audit(c, "user.create", { target: id, after: { email: input.email, role: input.role } });
    return c.json({ id, email: input.email, role: input.role, createdAt: new Date(now).toISOString() }, 201);
  })

  .patch("/users/:id", requireRole("owner"), async (c) => {
    const { role } = await jsonBody(c, userPatch);
    const before = await getUser(c.env.DB, c.req.param("id"));
    if (!before) throw notFound(`User "${c.req.param("id")}"`);
    if (!(await setRole(c.env.DB, before.id, role))) throw lastOwner();
    await audit(c, "user.role", { target: before.id, before: { role: before.role }, after: { role } });
    return c.json({ id: before.id, email: before.email, role, createdAt: before.createdAt });
  })

  .delete("/users/:id", requireRole("owner"), async (c) => {
    const before = await getUser(c.env.DB, c.req.param("id"));
    if (!before) throw notFound(`User "${c.req.param("id")}"`);
    if (!(await deleteUser(c.env.DB, before.id))) throw lastOwner();
    await audit(c, "user.delete", { target: before.id, before: { email: before.email, role: before.role } });
    return c.body(null, 204);
  })

  // The link's token is shown once; it rides in the fragment so it never reaches a server log.
  .post("/invites", requireRole("owner"), async (c) => {
    const { email, role } = await jsonBody(c, inviteInput);
    const token = randomToken();
    const now = Date.now();
    await insertInvite(c.env.DB, {
      tokenHash: await sha256Hex(token),
      email,
      role,
      createdBy: actorOf(c.get("principal")),
      now,
      expiresAt: now + INVITE_TTL_MS,
    });
    await audit(c, "invite.create", { after: { email, role } });
    const url = `${new URL(c.req.url).origin}/admin/invite#${token}`;
    return c.json({ email, role, token, url, expiresAt: new Date(now + INVITE_TTL_MS).toISOString() }, 201);
  });
