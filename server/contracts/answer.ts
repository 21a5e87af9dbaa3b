import type { z } from 'zod';

/** An object type's named keys, without its `[key: string]` index. */
type NamedKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: 0 };

/**
 * Read-only throughout; a loose object keeps its named fields only (its `[key: string]: unknown`
 * index dropped), a record (only an index, like `variables`) stays a record.
 */
type Declared<T, Record = { readonly [K in keyof T]: T[K] }> = T extends readonly (infer E)[]
  ? readonly Declared<E, Record>[]
  : T extends object
    ? [NamedKeys<T>] extends [never]
      ? Record
      : { readonly [K in keyof T as string extends K ? never : number extends K ? never : K]: Declared<T[K], Record> }
    : T;

/**
 * An answer as a client reads it: the schema's declared fields, read-only. The schemas are loose
 * (the server may add a field without breaking a client), and a client types only what is declared.
 */
export type Answer<S extends z.ZodType> = Declared<z.output<S>>;

/**
 * What a handler may answer for a schema: its declared fields, where a record of anything (the
 * variables, a history entry's data) takes any object, as the engine's interfaces are.
 */
export type AnswerBody<S extends z.ZodType> = Declared<z.output<S>, object>;
