// Types for electron-builder-native.mjs (plain JS: electron-builder loads hooks without a TypeScript loader).

/** The part of electron-builder's BeforePackContext the hook reads. */
export interface BeforePackContext {
  /** electron-builder's Arch enum: 0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal. */
  arch: number;
  packager: { platform: { buildConfigurationKey: string }; info: { framework: { version: string } } };
}

export default function beforePack(context: BeforePackContext): Promise<void>;
