/** Labels or names per language tag, e.g. `{ "sv-SE": "Bygglov", "en-US": "Building permit" }`. A leaf. */
export type LocalizedText = Record<string, string>;
