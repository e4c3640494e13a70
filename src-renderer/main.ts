// First: asks for the first paint's data before the rest of the app is evaluated.
import './boot';
import '@fontsource/inter/400.css';
import '@fontsource/inter/600.css';
import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/600.css';
import '@fontsource/noto-naskh-arabic/400.css';
import '@fontsource/noto-naskh-arabic/600.css';
import './styles/app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { warmUpFormats } from './lib/i18n.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('#app missing from index.html');
const app = mount(App, { target });
performance.mark('qalam:mounted');
// In a task of its own, while the first answers are on their way.
setTimeout(warmUpFormats, 0);
export default app;
