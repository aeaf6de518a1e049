/**
 * The sandboxed preload: exposes `window.lanyard` (LanyardApi) and nothing else. Pages get
 * functions bound to the contract's channels, never ipcRenderer, never a channel name of
 * their choosing, and listeners receive payloads only (the IPC event holds ipcRenderer).
 * Every method is built from the contract's channel maps, so each one travels on the channel
 * of its own name.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  INVOKE_METHODS,
  SUBSCRIPTION_METHODS,
  type SubscriptionListener,
  type InvokeArgs,
  type InvokeMethod,
  type InvokeResult,
  type LanyardApi,
  type SubscriptionMethod,
} from '../ipc/contract.js';

/** Request `method` on its own channel. The one place ipcRenderer's untyped result meets the contract. */
function invoker<M extends InvokeMethod>(method: M): (...args: InvokeArgs<M>) => InvokeResult<M> {
  const channel = INVOKE_CHANNELS[method];
  return (...args) => ipcRenderer.invoke(channel, ...args) as InvokeResult<M>;
}

/** Subscription `method` on its own channel: the listener gets the payload, never the IPC event. */
function subscriber<M extends SubscriptionMethod>(method: M): (listener: SubscriptionListener<M>) => () => void {
  const channel = EVENT_CHANNELS[method];
  return (listener) => {
    const deliver = listener as (payload: unknown) => void;
    const forward = (_event: IpcRendererEvent, payload: unknown): void => deliver(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  };
}

type Requests = Pick<LanyardApi, InvokeMethod>;
type Subscriptions = Pick<LanyardApi, SubscriptionMethod>;

// Object.fromEntries forgets which key holds which function; invoker(method) and subscriber(method) guarantee it.
const requests = Object.fromEntries(INVOKE_METHODS.map((method) => [method, invoker(method)])) as Requests;
const subscriptions = Object.fromEntries(
  SUBSCRIPTION_METHODS.map((method) => [method, subscriber(method)]),
) as Subscriptions;

const api: LanyardApi = { ...requests, ...subscriptions };

contextBridge.exposeInMainWorld('lanyard', api);
