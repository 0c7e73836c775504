/**
 * What the Teams kinds' schema fragments share: the template form of an enum, user lists and the
 * `prune:` of a team or a channel. Pure.
 */
import { PLACEHOLDER_PATTERN, type JsonSchema } from '../../blueprint-core/schema-common.ts';

/** An enum; in a template's form it may instead be a `{{ row.x }}` placeholder. */
export function enumOf(values: readonly string[], doc: { title: string; description: string }, template: boolean): JsonSchema {
  const e = { type: 'string', enum: [...values] };
  if (!template) return { ...doc, ...e };
  return { ...doc, anyOf: [e, { type: 'string', pattern: PLACEHOLDER_PATTERN }] };
}

/** A list of user principal names. */
/** A list of users, at most `max` (the service's own limit for the list). */
export const upns = (description: string, max: number): JsonSchema => ({ type: 'array', items: { type: 'string', minLength: 1 }, maxItems: max, title: 'Users', description });

/** The `prune:` of a team or a channel: the kinds it may prune inside it. */
export function prune(kinds: string[], where: string): JsonSchema {
  return {
    type: 'array',
    uniqueItems: true,
    items: { type: 'string', enum: kinds },
    title: 'Prune',
    description: `Kinds to delete ${where} when the engine created them for this blueprint and the blueprint no longer declares them. Removing the team's last owner also needs --allow-remove-last-owner; deleting a private or shared channel (its own site goes with it) --allow-delete-sites.`,
  };
}
