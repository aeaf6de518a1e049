/**
 * Where the app's files are, in a source checkout (`electron .`) and in the installed app
 * (electron-builder.yml puts the app in `resources/app` and the tray icons and CLI wrappers
 * beside it in `resources/`).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CliRuntime, cliRuntimeOf } from '../core/support/cli-command.js';
import type { Env } from '../core/support/paths.js';

export type AppPage = 'main' | 'palette';

export interface AppLocations {
  /** The renderer's HTML files. */
  pages: Record<AppPage, string>;
  /** The same, as the file: URLs the pages load from. */
  pageUrls: Record<AppPage, string>;
  /** The sandboxed preload (one CommonJS file). */
  preload: string;
  trayIconsDir: string;
  /** How AWS tools reach the `lanyard` CLI from this install (see core/support/cli-command.ts). */
  cli: CliRuntime;
}

export interface AppLocationInput {
  /** `app.getAppPath()`: the checkout, or `resources/app` when installed. */
  appPath: string;
  /** `process.resourcesPath`. */
  resourcesPath: string;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  env: Env;
}

export function appLocations(input: AppLocationInput): AppLocations {
  const { appPath, resourcesPath, isPackaged, platform, env } = input;
  const pages: Record<AppPage, string> = {
    main: path.join(appPath, 'dist', 'renderer', 'index.html'),
    palette: path.join(appPath, 'dist', 'renderer', 'palette.html'),
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
    pageUrls: { main: pathToFileURL(pages.main).href, palette: pathToFileURL(pages.palette).href },
    preload: path.join(appPath, 'dist', 'electron', 'preload', 'index.cjs'),
    trayIconsDir: path.join(isPackaged ? resourcesPath : appPath, 'assets', 'tray'),
    cli,
  };
}
