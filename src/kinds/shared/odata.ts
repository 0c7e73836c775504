/** Quotes a string for an OData `$filter` literal: single quotes are doubled, then URL-encoded. */
export function odataString(value: string): string {
  return encodeURIComponent(`'${value.replace(/'/g, "''")}'`);
}
