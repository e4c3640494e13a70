// Small pieces of shell state several views share: overlays and requests between components.

class Ui {
  helpOpen = $state(false);
  /** Bumped to ask the workspace to focus its search box. */
  findRequest = $state(0);
  /** Bumped to ask the library to show its recent documents. */
  recentRequest = $state(0);
  dragging = $state(false);
  /** Set by the App: opens the hidden file input (browser) or the native dialog (Electron). */
  pickFile: () => void = () => {};
}

export const ui = new Ui();
