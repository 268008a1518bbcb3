import { crc32, deflateSync } from 'node:zlib';

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngSize {
  width: number;
  height: number;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, checksum]);
}

/** Encodes 8-bit RGBA pixels (row by row, 4 bytes per pixel) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) {
    throw new Error(`Expected ${width * height * 4} bytes of RGBA pixels for ${width}x${height}, got ${rgba.length}`);
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // colour type: truecolour with alpha
  // Bytes 10-12 stay 0: deflate compression, adaptive filtering, no interlace.

  // Every scanline starts with its filter type; 0 (None) keeps the encoder simple.
  const rowLength = width * 4;
  const scanlines = Buffer.alloc((rowLength + 1) * height);
  for (let row = 0; row < height; row++) {
    Buffer.from(rgba.buffer, rgba.byteOffset + row * rowLength, rowLength).copy(scanlines, row * (rowLength + 1) + 1);
  }

  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Reads the width and height from a PNG file's IHDR chunk, which the format requires to come first. */
export function readPngSize(file: Buffer): PngSize {
  if (file.length < 24 || !file.subarray(0, 8).equals(signature)) {
    throw new Error('Not a PNG file: the PNG signature is missing');
  }
  if (file.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('Invalid PNG file: the first chunk is not IHDR');
  }
  return { width: file.readUInt32BE(16), height: file.readUInt32BE(20) };
}
