/** Replaced by esbuild with the version from package.json. */
declare const STS_VERSION: string;
