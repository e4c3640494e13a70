// Work the first render would otherwise do on the main thread, done by the boot chunk while the
// page waits for the rest of the app's script (fetched and compiled off the main thread: in a
// cold start's trace the main thread is idle for 100-200 ms there). Nothing here is state the
// interface renders: the browser keeps what it made (its locale data, the loaded fonts).

/**
 * The page's first NumberFormat loads ICU's number data: 30-60 ms, whichever locale; the next ones
 * cost ~0.1 ms (plural rules: 0.4 ms). The first rows need plural rules (the segment count) and,
 * but in English (lib/i18n.svelte.ts englishInteger), a number format (row numbers), so this takes
 * those milliseconds out of their render. `numbers: false` where the first paint formats none.
 */
export function warmUpIntl(locale: string, numbers = true): void {
  try {
    if (numbers) new Intl.NumberFormat(locale).format(0);
    new Intl.PluralRules(locale).select(0);
  } catch {
    // An unknown locale: the render makes its own and pays for it.
  }
}

/**
 * The faces the first rows are drawn in, asked for before the first layout: the app's style
 * sheet (its CSS variables, read here, not named again) is in by the time a module script runs.
 * Without this, the first layout finds them unloaded, draws the text in a fallback font (font-display:
 * swap) and lays everything out again when they arrive. Each variable's first family is the face
 * the text is meant to have; the sample text picks its subsets (unicode-range).
 */
export function loadFonts(arabicUi: boolean): void {
  if (typeof document === 'undefined' || !document.fonts) return;
  const style = getComputedStyle(document.documentElement);
  const first = (name: string) => style.getPropertyValue(name).split(',')[0]?.trim() ?? '';
  const faces: [string, string][] = [
    [first('--font-ui'), 'Aa1'],
    [first('--font-target'), 'Aa1'],
    [first('--font-source'), 'اب 1,'],
  ];
  if (arabicUi) faces.push([first('--font-ar-ui'), 'اب']);
  const asked = new Set<string>();
  for (const [family, sample] of faces) {
    if (!family) continue;
    for (const weight of [400, 600]) {
      const font = `${weight} 16px ${family}`;
      if (asked.has(font)) continue;
      asked.add(font);
      document.fonts.load(font, sample).catch(() => {});
    }
  }
}
