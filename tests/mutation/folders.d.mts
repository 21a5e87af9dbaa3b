export declare const MUTATION_FOLDERS: Readonly<Record<string, readonly string[]>>;
export declare function mutationFolder(): string;
