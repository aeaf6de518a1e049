/**
 * The tray icon and its menu, kept current: rebuilt on every state or inventory change and
 * once a minute (labels show minutes), but handed to Electron only when the template, icon
 * or tooltip actually changed.
 */
import path from 'node:path';
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { plainLabel } from '../core/domain/display-text.js';
import type { InventoryView, LanyardCommands, LanyardState } from '../core/domain/views.js';
import type { AppAction } from './actions.js';
import { trayIconState, trayMenuTemplate, trayTooltip, type TrayIconState, type TrayMenuItem } from './tray-menu.js';
import type { UpdateState } from './updater.js';

const REFRESH_MS = 60_000;

/**
 * The icon file for a state: a template image on macOS (Electron picks `@2x` next to it and
 * tints it for the menu bar), an .ico with 16 and 32 px on Windows, a PNG (with `@2x`) elsewhere.
 */
export function trayIconFile(state: TrayIconState, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return `tray-${state}Template.png`;
  return platform === 'win32' ? `tray-${state}.ico` : `tray-${state}.png`;
}

/**
 * A label as Electron must be given it: plain (no bidi or control characters, cut when very
 * long, whatever the template holds), and with `&` doubled, since a single `&` starts a
 * mnemonic (and is dropped from the label): names like "R&D" must show as written.
 */
const escapeLabel = (label: string): string => plainLabel(label).replaceAll('&', '&&');

/** Maps a pure template to Electron menu items whose clicks dispatch the items' actions. */
export function toElectronMenu(
  items: readonly TrayMenuItem[],
  dispatch: (action: AppAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: escapeLabel(item.label), enabled: false };
      case 'submenu':
        return { label: escapeLabel(item.label), submenu: toElectronMenu(item.items, dispatch) };
      case 'action':
        return {
          label: escapeLabel(item.label),
          enabled: item.enabled ?? true,
          ...(item.checked === undefined ? {} : { type: 'checkbox', checked: item.checked }),
          // Shown next to the item only: the global shortcut is registered by hotkey.ts.
          ...(item.accelerator ? { accelerator: item.accelerator, registerAccelerator: false } : {}),
          click: () => dispatch(item.action),
        };
    }
  });
}

export interface TrayOptions {
  core: Pick<LanyardCommands, 'getState' | 'getInventory' | 'onState' | 'onInventory'>;
  /** Folder holding the tray icons (assets/tray). */
  iconsDir: string;
  platform: NodeJS.Platform;
  dispatch(action: AppAction): void;
  /** A left click on Windows opens the main window, as Windows users expect. */
  onClick(): void;
  now?: () => number;
}

export class TrayController {
  private readonly tray: Tray;
  private readonly unsubscribe: Array<() => void> = [];
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;
  private state: LanyardState | undefined;
  private inventory: InventoryView | undefined;
  private hotkeyProblem: string | undefined;
  private extras: { update?: UpdateState; cliInstalled?: boolean } = {};
  private shown = { menu: '', icon: '', tooltip: '' };

  constructor(private readonly options: TrayOptions) {
    this.now = options.now ?? Date.now;
    this.tray = new Tray(this.icon('sign-in-needed'));
    this.shown.icon = 'sign-in-needed';
    if (options.platform === 'win32') this.tray.on('click', () => options.onClick());
    this.unsubscribe.push(
      options.core.onState((state) => this.update({ state })),
      options.core.onInventory((inventory) => this.update({ inventory })),
    );
    this.timer = setInterval(() => this.render(), REFRESH_MS);
    this.timer.unref();
    void Promise.all([options.core.getState(), options.core.getInventory()]).then(([state, inventory]) => {
      // A snapshot pushed while these loaded is newer than what they return.
      this.update({ state: this.state ?? state, inventory: this.inventory ?? inventory });
    });
  }

  setHotkeyProblem(problem: string | undefined): void {
    if (problem !== this.hotkeyProblem) this.update({ hotkeyProblem: problem });
  }

  /** The updater's state and whether the `lanyard` command is installed, for their menu items. */
  setAppStatus(status: { update?: UpdateState; cliInstalled?: boolean }): void {
    this.extras = { ...this.extras, ...status };
    this.render();
  }

  /** Renders now, e.g. after the machine wakes up with minute-old labels. */
  render(): void {
    const { state, inventory } = this;
    if (!state || !inventory) return;
    const now = this.now();
    const icon = trayIconState(state, now);
    if (icon !== this.shown.icon) this.tray.setImage(this.icon(icon));
    const tooltip = trayTooltip(state, now);
    if (tooltip !== this.shown.tooltip) this.tray.setToolTip(tooltip);
    const template = trayMenuTemplate({
      state,
      inventory,
      now,
      platform: this.options.platform,
      hotkeyProblem: this.hotkeyProblem,
      ...this.extras,
    });
    const menu = JSON.stringify(template);
    if (menu !== this.shown.menu)
      this.tray.setContextMenu(Menu.buildFromTemplate(toElectronMenu(template, this.options.dispatch)));
    this.shown = { menu, icon, tooltip };
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const stop of this.unsubscribe) stop();
    this.tray.destroy();
  }

  private update(change: {
    state?: LanyardState;
    inventory?: InventoryView;
    hotkeyProblem?: string | undefined;
  }): void {
    if (change.state) this.state = change.state;
    if (change.inventory) this.inventory = change.inventory;
    if ('hotkeyProblem' in change) this.hotkeyProblem = change.hotkeyProblem;
    this.render();
  }

  private icon(state: TrayIconState): NativeImage {
    return nativeImage.createFromPath(path.join(this.options.iconsDir, trayIconFile(state, this.options.platform)));
  }
}
