import { inflateRawSync } from 'node:zlib';

// A minimal zip reader: it lists and extracts the small, unencrypted, non-zip64 archives that
// manifest/package.ts writes, by walking the central directory.

const endOfCentralDirectory = 0x06054b50;
const centralDirectoryHeader = 0x02014b50;
const localFileHeader = 0x04034b50;

export interface ZipEntry {
  name: string;
  data: Buffer;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  for (let offset = zip.length - 22; offset >= 0; offset--) {
    if (zip.readUInt32LE(offset) === endOfCentralDirectory) {
      return offset;
    }
  }
  throw new Error('Not a zip file: no end of central directory record');
}

function readEntryData(zip: Buffer, localOffset: number, method: number, compressedSize: number): Buffer {
  if (zip.readUInt32LE(localOffset) !== localFileHeader) {
    throw new Error(`No local file header at offset ${localOffset}`);
  }
  const nameLength = zip.readUInt16LE(localOffset + 26);
  const extraLength = zip.readUInt16LE(localOffset + 28);
  const start = localOffset + 30 + nameLength + extraLength;
  const stored = zip.subarray(start, start + compressedSize);

  if (method === 0) {
    return stored;
  }
  if (method === 8) {
    return inflateRawSync(stored);
  }
  throw new Error(`Unsupported zip compression method ${method}`);
}

/** Lists the entries of a zip file in central directory order, with their uncompressed data. */
export function readZipEntries(zip: Buffer): ZipEntry[] {
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);

  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(offset) !== centralDirectoryHeader) {
      throw new Error(`No central directory header at offset ${offset}`);
    }
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);

    entries.push({ name, data: readEntryData(zip, localOffset, method, compressedSize) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
