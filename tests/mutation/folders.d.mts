export declare const MUTATION_FOLDERS: Readonly<Record<string, readonly string[]>>;
export declare function mutationFolder(): string;
export declare function mutationSpecs(folder: string): readonly string[] | undefined;
