/**
 * Thrown by a create that made its object, but not as the blueprint declares it (a group whose
 * site SharePoint put at another URL): the change fails with the message, what depends on it is
 * skipped, and apply records `id` as the create's outcome in the ownership ledger, so that what
 * was made stays known to be the blueprint's (and prune never mistakes another object at the
 * declared place for it).
 */
export class MadeOtherwiseError extends Error {
  constructor(readonly id: string, message: string) {
    super(message);
    this.name = 'MadeOtherwiseError';
  }
}
