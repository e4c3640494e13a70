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
  /** The question the confirmation dialog is asking, if any (see confirm). */
  question = $state<Question | null>(null);

  /**
   * Asks the user before a write that needs a second thought (approving over QA errors). Resolves
   * true when confirmed; false when cancelled, and when another question replaces this one.
   */
  confirm(q: Omit<Question, 'answer'>): Promise<boolean> {
    this.question?.answer(false);
    return new Promise((resolve) => {
      this.question = {
        ...q,
        answer: (yes) => {
          this.question = null;
          resolve(yes);
        },
      };
    });
  }
}

export interface Question {
  title: string;
  message: string;
  confirmLabel: string;
  answer: (yes: boolean) => void;
}

export const ui = new Ui();
