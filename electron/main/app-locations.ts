/**
 * Where the app's files are, in a source checkout (`electron .`) and in the installed app
 * (electron-builder.yml puts the app in `resources/app.asar`, the CLI's files unpacked beside it
 * in `resources/app.asar.unpacked`, and the tray icons and CLI wrappers in `resources/`).
 */
import path from 'node:path';
import { type CliRuntime, cliRuntimeOf } from '../core/support/cli-command.js';
import type { Env } from '../core/support/paths.js';
import { appUrlOf } from './app-protocol.js';

export type AppPage = 'main' | 'palette';

export interface AppLocations {
  /** The renderer's HTML files. */
  pages: Record<AppPage, string>;
  /** The renderer's build folder, which app:// serves (app-protocol.ts). */
  rendererDir: string;
  /** The app:// URLs the pages load from (the only URLs isAppPageUrl accepts). */
  pageUrls: Record<AppPage, string>;
  /** The sandboxed preload (one CommonJS file). */
  preload: string;
  trayIconsDir: string;
  /** How AWS tools reach the `lanyard` CLI from this install (see core/support/cli-command.ts). */
  cli: CliRuntime;
}

export interface AppLocationInput {
  /** `app.getAppPath()`: the checkout, or `resources/app.asar` when installed. */
  appPath: string;
  /** `process.resourcesPath`. */
  resourcesPath: string;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  env: Env;
}

export function appLocations(input: AppLocationInput): AppLocations {
  const { appPath, resourcesPath, isPackaged, platform, env } = input;
  const rendererDir = path.join(appPath, 'dist', 'renderer');
  const pageFiles: Record<AppPage, string> = { main: 'index.html', palette: 'palette.html' };
  const pages: Record<AppPage, string> = {
    main: path.join(rendererDir, pageFiles.main),
    palette: path.join(rendererDir, pageFiles.palette),
  };
  // Started through npm (`npm start`, `npm run demo`), npm names the Node it runs on; the
  // Electron binary itself is no Node for AWS tools.
  const cli = cliRuntimeOf({
    packaged: isPackaged,
    platform,
    env,
    resourcesPath,
    nodePath: env.npm_node_execpath || 'node',
    checkoutDir: () => appPath,
  });
  return {
    pages,
    rendererDir,
    pageUrls: { main: appUrlOf(pageFiles.main), palette: appUrlOf(pageFiles.palette) },
    preload: path.join(appPath, 'dist', 'electron', 'preload', 'index.cjs'),
    trayIconsDir: path.join(isPackaged ? resourcesPath : appPath, 'assets', 'tray'),
    cli,
  };
}
