/**
 * The old shape of a kind, kept for the kinds not yet moved to `src/kinds/<kind>/`: a provider is
 * a kind's pure rules and its effects in one object (`Kind<K>`), which the registry
 * (`src/kinds/registry.ts`) takes as it is. Contracts: `src/kinds/kind-rules.ts` and
 * `src/kinds/kind-effects.ts`.
 */
import type { ResourceKind } from '../model/resources.ts';
import type { Kind } from '../kinds/kind-effects.ts';

export type { ResourceIds, ExistingResource } from '../model/found.ts';
export type { Created, ReadContext, WriteContext } from '../kinds/kind-effects.ts';

/** A kind not yet moved: its rules and effects in one file of `src/providers/`. */
export type Provider<K extends ResourceKind> = Kind<K>;

