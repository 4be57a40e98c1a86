/** Random access to the bytes of an input, whatever holds them (a browser File, a Node file handle, memory). */
export interface ByteSource {
  readonly name: string;
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A Blob or File (browser, worker, Node 20). `Blob.slice` reads only the requested range. */
export function blobSource(blob: Blob, name = (blob as File).name ?? 'input'): ByteSource {
  return {
    name,
    size: blob.size,
    async read(offset, length) {
      return new Uint8Array(await blob.slice(offset, Math.min(offset + length, blob.size)).arrayBuffer());
    },
  };
}

export function memorySource(bytes: Uint8Array, name = 'memory'): ByteSource {
  return {
    name,
    size: bytes.length,
    async read(offset, length) {
      return bytes.subarray(offset, Math.min(offset + length, bytes.length));
    },
  };
}
