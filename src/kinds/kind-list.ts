/**
 * Every resource kind, one line each: its folder under src/kinds/ (the kind's name is the
 * folder's in camelCase: `navigation-node` is `navigationNode`). This is a kind's one registry
 * line: `npx tsx scripts/gen-kind-registries.ts` writes the three layer registries from it
 * (declared.generated.ts, pure.generated.ts, registry.generated.ts), each importing the folder's
 * `model.ts` (`<kind>Declaration`), `spec.ts` (`<kind>Spec`) or `effects.ts` (`<kind>Effects`).
 * test/smoke/kind-registries.test.ts fails when they are stale, when a kind's folder is not
 * listed here or when a line names no such folder.
 *
 * The order matters: expansion hooks run in this order (a kind's expansion is given those made
 * before it), the schema fragments merge in it, and the `prune` enum of the schema follows it.
 * Imports nothing (the generator reads it).
 */
export const KIND_FOLDERS = [
  'view',
  'navigation-node',
  'hub-site',
  'hub-association',
  'site-settings',
  'site-sharing',
  'role-definition',
  // the term store's `top` hook first: a taxonomy column names its sets
  'term-group',
  'term-set',
  'term',
  // columns, then content types, then lists' content types: each reads the expansion before it
  'column',
  'content-type',
  'list-content-type',
  'team-site',
  'comm-site',
  'list',
  'site-group',
  'permission-scope',
  'role-assignment',
  // `team` hooks in this order: the team, its members, then each channel (with its tabs)
  'team',
  'team-member',
  'channel',
  'tab',
] as const;
