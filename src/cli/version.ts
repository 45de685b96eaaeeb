/**
 * The extension's version, as package.json gives it. esbuild defines `__CKDEV_VERSION__` in every build
 * (the bundles and the one-file-per-file test build), so no build output has to carry a copy of
 * package.json next to it.
 */
declare const __CKDEV_VERSION__: string;

export const version: string = __CKDEV_VERSION__;
