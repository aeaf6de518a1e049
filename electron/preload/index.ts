/**
 * The sandboxed preload: exposes `window.lanyard` (LanyardApi) and nothing else. Pages get
 * functions bound to the contract's channels, never ipcRenderer, never a channel name of
 * their choosing, and listeners receive payloads only (the IPC event holds ipcRenderer).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { Event, Invoke, type EventChannel, type LanyardApi } from '../ipc/contract.js';

function subscribe<T>(channel: EventChannel, listener: (payload: T) => void): () => void {
  const forward = (_event: IpcRendererEvent, payload: T): void => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

const api: LanyardApi = {
  getState: () => ipcRenderer.invoke(Invoke.GetState),
  getInventory: () => ipcRenderer.invoke(Invoke.GetInventory),
  addSession: (session) => ipcRenderer.invoke(Invoke.AddSession, session),
  signIn: (sessionName, flow) => ipcRenderer.invoke(Invoke.SignIn, sessionName, flow),
  cancelSignIn: () => ipcRenderer.invoke(Invoke.CancelSignIn),
  signOut: (sessionName) => ipcRenderer.invoke(Invoke.SignOut, sessionName),
  refreshInventory: (sessionName) => ipcRenderer.invoke(Invoke.RefreshInventory, sessionName),
  syncNow: () => ipcRenderer.invoke(Invoke.SyncNow),
  openConsole: (roleKey, options) => ipcRenderer.invoke(Invoke.OpenConsole, roleKey, options),
  copyExports: (roleKey) => ipcRenderer.invoke(Invoke.CopyExports, roleKey),
  copyProfileName: (roleKey) => ipcRenderer.invoke(Invoke.CopyProfileName, roleKey),
  setDefaultProfile: (roleKey) => ipcRenderer.invoke(Invoke.SetDefaultProfile, roleKey),
  toggleFavourite: (roleKey) => ipcRenderer.invoke(Invoke.ToggleFavourite, roleKey),
  setAlias: (accountKey, alias) => ipcRenderer.invoke(Invoke.SetAlias, accountKey, alias),
  updateSettings: (patch) => ipcRenderer.invoke(Invoke.UpdateSettings, patch),
  dismissNotice: (id) => ipcRenderer.invoke(Invoke.DismissNotice, id),
  search: (query, limit) => ipcRenderer.invoke(Invoke.Search, query, limit),
  showMainWindow: () => ipcRenderer.invoke(Invoke.ShowMainWindow),
  hidePalette: () => ipcRenderer.invoke(Invoke.HidePalette),
  onState: (listener) => subscribe(Event.StateChanged, listener),
  onInventory: (listener) => subscribe(Event.InventoryChanged, listener),
  onPaletteShown: (listener) => subscribe(Event.PaletteShown, () => listener()),
};

contextBridge.exposeInMainWorld('lanyard', api);
