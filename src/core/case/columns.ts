/** Growable typed columns: millions of logon events cost a few bytes each instead of an object each. */

type TypedArray = Float64Array | Uint32Array | Uint16Array | Uint8Array;
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

export class Column<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(private readonly type: TypedArrayConstructor<T>) {
    this.data = new type(1024);
  }

  /** Replaces the contents with `values` (taken over, not copied). */
  load(values: T): void {
    this.data = values.length > 0 ? values : new this.type(1024);
    this.length = values.length;
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new this.type(this.data.length * 2);
      grown.set(this.data as never);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  /** The filled part (a view: copy it before the column grows again if you keep it). */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  /** A compact copy, for storage and transfer. */
  copy(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** Strings by id, ids by string: names are stored once however many events carry them. */
export class StringPool {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  constructor(values: readonly string[] = []) {
    for (const v of values) this.id(v);
  }

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  lookup(value: string): number | undefined {
    return this.ids.get(value);
  }

  get size(): number {
    return this.values.length;
  }
}
