// Compile-time proof that a zod schema produces exactly a contract type (contract/wire.ts): `Same<A, B>`
// is `true` only when each is assignable to the other, so `const x: Same<…> = true` stops the build when
// the Worker's schema and the snippet's view of a shape drift apart.
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
