// Unpacking an uploaded .xlsx within fixed bounds before the Excel reader sees it. The sizes a
// zip declares are whatever its author wrote: a 1 MB file can claim 2,000 bytes for a sheet that
// inflates to gigabytes. So each entry is inflated here with its declared size as a hard cap
// (zlib stops as soon as it passes it), the declared sizes together may not pass the limit, and
// the entries are handed on stored (uncompressed): the Excel reader inflates nothing itself.
import { crc32, inflateRaw } from 'node:zlib'
import { promisify } from 'node:util'

const inflate = promisify(inflateRaw) as (data: Uint8Array, options: { maxOutputLength: number }) => Promise<Buffer>

export interface ZipLimits {
  /** the entries' unpacked bytes together */
  maxUnpackedBytes: number
  /** XML elements in all entries together: the Excel reader keeps an object for each */
  maxElements: number
}

export type ZipRefusal = 'NOT_A_ZIP' | 'CORRUPT' | 'UNPACKED_TOO_LARGE' | 'TOO_MANY_ELEMENTS'

export class ZipLimitError extends Error {
  constructor(readonly reason: ZipRefusal) {
    super(reason)
    this.name = 'ZipLimitError'
  }
}

interface Entry {
  name: string
  nameBytes: Uint8Array
  method: number
  crc: number
  compressedSize: number
  size: number
  localOffset: number
}

/** The central directory, read without inflating anything. */
function directory(data: Uint8Array): Entry[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  let end = -1
  for (let i = data.byteLength - 22; i >= Math.max(0, data.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) { end = i; break }
  }
  if (end < 0) throw new ZipLimitError('NOT_A_ZIP')
  const count = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  const entries: Entry[] = []
  const decoder = new TextDecoder()
  for (let n = 0; n < count; n++) {
    if (at + 46 > data.byteLength || view.getUint32(at, true) !== 0x02014b50) throw new ZipLimitError('CORRUPT')
    const flags = view.getUint16(at + 8, true)
    const compressedSize = view.getUint32(at + 20, true)
    const size = view.getUint32(at + 24, true)
    // Encrypted entries, and 0xFFFFFFFF sizes (the real one in a zip64 field): no workbook needs them.
    if (flags & 1 || compressedSize === 0xffffffff || size === 0xffffffff) throw new ZipLimitError('CORRUPT')
    const nameLength = view.getUint16(at + 28, true)
    const nameBytes = data.subarray(at + 46, at + 46 + nameLength)
    entries.push({ name: decoder.decode(nameBytes), nameBytes, method: view.getUint16(at + 10, true), crc: view.getUint32(at + 16, true), compressedSize, size, localOffset: view.getUint32(at + 42, true) })
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return entries
}

async function unpack(data: Uint8Array, entry: Entry): Promise<Uint8Array> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const local = entry.localOffset
  if (local + 30 > data.byteLength || view.getUint32(local, true) !== 0x04034b50) throw new ZipLimitError('CORRUPT')
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
  if (start + entry.compressedSize > data.byteLength) throw new ZipLimitError('CORRUPT')
  const packed = data.subarray(start, start + entry.compressedSize)
  let bytes: Uint8Array
  if (entry.method === 0) bytes = packed
  else if (entry.method === 8) {
    // zlib counts what it has inflated and gives up past the cap, so a lie costs at most the
    // declared size plus one chunk, never the real size.
    bytes = await inflate(packed, { maxOutputLength: Math.max(1, entry.size) }).catch(() => { throw new ZipLimitError('CORRUPT') })
  } else throw new ZipLimitError('CORRUPT')
  if (bytes.byteLength !== entry.size || crc32(bytes) !== entry.crc) throw new ZipLimitError('CORRUPT')
  return bytes
}

/** Start tags: '<' then a name's first character (not '</', '<?' or '<!'). */
function countElements(bytes: Uint8Array): number {
  let count = 0
  for (let i = bytes.indexOf(0x3c); i >= 0 && i < bytes.byteLength - 1; i = bytes.indexOf(0x3c, i + 1)) {
    const next = bytes[i + 1]!
    if ((next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a) || next === 0x5f) count++
  }
  return count
}

/** The fields a local header and a central record share, from `at`: crc, both sizes (stored, so equal), the name's length. */
function writeSizes(header: Buffer, at: number, entry: Entry, bytes: Uint8Array): void {
  header.writeUInt32LE(entry.crc, at)
  header.writeUInt32LE(bytes.byteLength, at + 4)
  header.writeUInt32LE(bytes.byteLength, at + 8)
  header.writeUInt16LE(entry.nameBytes.byteLength, at + 12)
}

/** The same entries as a zip whose entries are stored, not compressed. */
function storedZip(entries: { entry: Entry; bytes: Uint8Array }[]): Buffer {
  const parts: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const { entry, bytes } of entries) {
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    writeSizes(local, 14, entry, bytes)
    const record = Buffer.alloc(46)
    record.writeUInt32LE(0x02014b50, 0)
    record.writeUInt16LE(20, 4)
    record.writeUInt16LE(20, 6)
    writeSizes(record, 16, entry, bytes)
    record.writeUInt32LE(offset, 42)
    parts.push(local, entry.nameBytes, bytes)
    central.push(record, entry.nameBytes)
    offset += 30 + entry.nameBytes.byteLength + bytes.byteLength
  }
  const centralBytes = central.reduce((n, b) => n + b.byteLength, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(centralBytes, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, ...central, end])
}

/** The entry names, from the central directory alone. */
export function zipEntryNames(data: Uint8Array): string[] {
  return directory(data).map((e) => e.name)
}

/**
 * Unpacks every entry within the limits and returns them as a stored zip, or throws
 * ZipLimitError: NOT_A_ZIP, CORRUPT (also an entry that inflates past its declared size or fails
 * its checksum), UNPACKED_TOO_LARGE, TOO_MANY_ELEMENTS.
 */
export async function unpackWithin(data: Uint8Array, limits: ZipLimits): Promise<Buffer> {
  const entries = directory(data).filter((e) => !e.name.endsWith('/'))
  if (entries.reduce((n, e) => n + e.size, 0) > limits.maxUnpackedBytes) throw new ZipLimitError('UNPACKED_TOO_LARGE')
  const unpacked: { entry: Entry; bytes: Uint8Array }[] = []
  let elements = 0
  for (const entry of entries) {
    const bytes = await unpack(data, entry)
    // Every entry, whatever its name: the Excel reader picks the entries it parses by patterns
    // that a name like "sheet1.xml.png" matches too. Pictures hold few such bytes by chance.
    elements += countElements(bytes)
    if (elements > limits.maxElements) throw new ZipLimitError('TOO_MANY_ELEMENTS')
    unpacked.push({ entry, bytes })
  }
  return storedZip(unpacked)
}
