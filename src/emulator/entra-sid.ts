/** Entra ID's security identifiers (SIDs) of directory objects, as groups carry them (`securityIdentifier`). */

/** S-1-12-1-... the way Entra ID derives a group's SID from its object id. */
export function sidFromGuid(id: string): string {
  const hex = id.replace(/-/g, '');
  const b = Buffer.from(hex, 'hex');
  // GUID byte order (little-endian first three groups)
  const g = Buffer.from([b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.subarray(8)]);
  return `S-1-12-1-${g.readUInt32LE(0)}-${g.readUInt32LE(4)}-${g.readUInt32LE(8)}-${g.readUInt32LE(12)}`;
}
