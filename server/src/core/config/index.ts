/** `.statefulset-tools.yaml`: the schema, reading and validating a file, and the settings it gives a path. */
export * from './keys';
export * from './schema';
export * from './read';
export * from './resolve';
export * from './features';
