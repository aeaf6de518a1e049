// The Electron entry point (package.json `main`): see app.ts.
import { protocol } from 'electron';
import { failedToStart, startApp } from './app.js';
import { registerAppScheme } from './app-protocol.js';

// Electron takes privileged schemes only before `ready`: app:// serves our pages (app-protocol.ts).
registerAppScheme(protocol);
startApp().catch(failedToStart);
