// Types for the parts of yazl 3.3.1 that manifest/package.ts uses; the package ships no types.
declare module 'yazl' {
  import type { Readable } from 'node:stream';

  export interface EntryOptions {
    mtime?: Date;
    mode?: number;
    compress?: boolean;
  }

  export class ZipFile {
    readonly outputStream: Readable;
    addFile(realPath: string, metadataPath: string, options?: EntryOptions): void;
    addBuffer(buffer: Buffer, metadataPath: string, options?: EntryOptions): void;
    end(): void;
  }
}
