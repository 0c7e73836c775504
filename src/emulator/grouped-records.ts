/**
 * Records by id, with their ids indexed by a parent key (a channel's team, a tab's channel), each
 * parent's in the order they were stored: a parent's records without a scan of every record.
 */
export class GroupedRecords<T extends { id: string }> {
  private readonly byId = new Map<string, T>();
  private readonly idsByParent = new Map<string, Set<string>>();

  constructor(private readonly parentOf: (record: T) => string) {}

  /** Every record, by id (read only: change them through `put` and `delete`). */
  get all(): ReadonlyMap<string, T> {
    return this.byId;
  }

  put(record: T): void {
    const old = this.byId.get(record.id);
    if (old && this.parentOf(old) !== this.parentOf(record)) this.unindex(old);
    this.byId.set(record.id, record);
    const ids = this.idsByParent.get(this.parentOf(record));
    if (ids) ids.add(record.id);
    else this.idsByParent.set(this.parentOf(record), new Set([record.id]));
  }

  delete(id: string): void {
    const old = this.byId.get(id);
    if (!old) return;
    this.byId.delete(id);
    this.unindex(old);
  }

  /** A parent's records, in the order they were stored. */
  of(parent: string): T[] {
    return [...(this.idsByParent.get(parent) ?? [])].map((id) => this.byId.get(id)!);
  }

  private unindex(record: T): void {
    const ids = this.idsByParent.get(this.parentOf(record));
    if (!ids) return;
    ids.delete(record.id);
    if (ids.size === 0) this.idsByParent.delete(this.parentOf(record));
  }
}
