// The first module the app evaluates: main.ts imports it before anything else, and the build
// gives it (with the few modules it needs) a chunk of its own that the entry imports first. It
// asks for the first paint's data at once (state/early.ts), so the main process answers while the
// rest of the script is being evaluated.
import { startEarly } from './state/early';

performance.mark('qalam:boot');
startEarly(location.hash);
