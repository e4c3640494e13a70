// The Arabic strings are a chunk loaded on first use in the app (lib/i18n.svelte.ts); tests switch
// languages synchronously with `i18n.set('ar')`, so every renderer test file starts with it loaded.
import { loadLocale } from '../../../src-renderer/lib/i18n.svelte';

await loadLocale('ar');
