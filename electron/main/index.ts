// The Electron entry point (package.json `main`): see app.ts.
import { failedToStart, startApp } from './app.js';

startApp().catch(failedToStart);
