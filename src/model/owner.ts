/**
 * The owner a blueprint's creates are recorded under in the ownership ledger (src/ownership/):
 * its `name`, else its file's name without `.yaml`. Pruning deletes only what its owner made, so
 * the owner must stay the same from one run to the next.
 */
export function ownerName(name: string | undefined, file: string): string {
  return name ?? file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
}

/** Whether an owner ends like the ledger's continuation items (`<title> #2`, …), which it may not. */
export function ownerLooksLikeContinuation(owner: string): boolean {
  return / #[0-9]+$/.test(owner);
}
