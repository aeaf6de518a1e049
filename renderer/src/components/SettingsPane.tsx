import { useState, type FormEvent } from 'react';
import {
  type ExportShell,
  type IsolationMethod,
  MAX_BACKGROUND_REQUESTS_PER_SECOND,
  MIN_BACKGROUND_REQUESTS_PER_SECOND,
  type ProfileStyle,
  type ProxyMode,
  type Settings,
  maskProxyUrl,
} from '../../../electron/core/domain/settings.js';
import { useCommand } from '../hooks/useCommand.js';
import { IDENTITY_CENTER_REGIONS } from '../lib/regions.js';
import { deepEqual } from '../lib/structural-sharing.js';
import { acceleratorProblem } from '../../../electron/core/domain/accelerator.js';
import { isValidSetting } from '../lib/validation.js';
import { EnvironmentOverrides } from './EnvironmentOverrides.js';
import { ErrorMessage } from './ErrorMessage.js';
import { Checkbox, Field, SelectField } from './Field.js';
import { HotkeyRecorder } from './HotkeyRecorder.js';
import { Icon } from './Icon.js';

const ISOLATION: Array<[IsolationMethod, string]> = [
  ['in-app', 'Lanyard window, one isolated session per role'],
  ['chrome-profile', 'Chrome or Chromium, one profile per account'],
  ['firefox-container', 'Firefox, one container per role'],
  ['firefox-profile', 'Firefox, one profile per account'],
  ['default-browser', 'Default browser (no isolation)'],
];

const STYLES: Array<[ProfileStyle, string, string]> = [
  ['sso', 'SSO profiles', 'Tools use the shared SSO token (sso_session); works with the AWS CLI v2 and current SDKs.'],
  ['credential-process', 'credential_process', 'Lanyard hands out role credentials; works with older tools too.'],
];

const SHELLS: Array<[ExportShell | '', string]> = [
  ['', 'Platform default'],
  ['sh', 'sh, bash, zsh'],
  ['fish', 'fish'],
  ['powershell', 'PowerShell'],
  ['cmd', 'cmd'],
];

const PROXY_MODES: Array<[ProxyMode, string]> = [
  ['system', 'System settings (including PAC and WPAD)'],
  ['none', 'No proxy'],
  ['url', 'This proxy'],
];

const BROWSERS = ['chrome', 'chromium', 'edge', 'brave', 'vivaldi', 'firefox'];

type Notifications = Settings['notifications'];

/**
 * The settings form. Edits collect in a draft over the live settings; Save sends only what
 * changed through updateSettings, so a change made elsewhere meanwhile is not overwritten.
 */
export function SettingsPane({ settings, onShowDiagnostics }: { settings: Settings; onShowDiagnostics: () => void }) {
  const [draft, setDraft] = useState<Partial<Settings>>({});
  const [saved, setSaved] = useState(false);
  const command = useCommand();
  const value: Settings = { ...settings, ...draft };

  const set = <K extends keyof Settings>(key: K, next: Settings[K]): void => {
    setSaved(false);
    setDraft((current) => {
      const { [key]: _previous, ...rest } = current;
      return deepEqual(settings[key], next) ? rest : { ...rest, [key]: next };
    });
  };
  const setNotification = <K extends keyof Notifications>(key: K, next: Notifications[K]): void =>
    set('notifications', { ...value.notifications, [key]: next });

  const errors = {
    hotkey: acceleratorProblem(value.hotkey),
    template: isValidSetting('profileNameTemplate', value.profileNameTemplate)
      ? undefined
      : 'Use at least one of {account_name}, {account_id}, {role_name} or {session}.',
    region: isValidSetting('defaultRegion', value.defaultRegion)
      ? undefined
      : 'Leave it empty or enter a region name such as eu-west-1.',
    minutes: isValidSetting('notifications', value.notifications)
      ? undefined
      : 'Enter a number of minutes from 1 to 120.',
    backgroundRate: isValidSetting('backgroundRequestsPerSecond', value.backgroundRequestsPerSecond)
      ? undefined
      : `Enter a number from ${MIN_BACKGROUND_REQUESTS_PER_SECOND} to ${MAX_BACKGROUND_REQUESTS_PER_SECOND}.`,
    proxyUrl:
      value.proxyMode !== 'url' || (value.proxyUrl !== '' && isValidSetting('proxyUrl', value.proxyUrl))
        ? undefined
        : 'Enter the proxy as http://host:port (user:password@ before the host if it needs them).',
    caBundleFile: isValidSetting('caBundleFile', value.caBundleFile)
      ? undefined
      : 'Enter the full path of a PEM file, without spaces around it.',
  };
  const invalid = Object.values(errors).some(Boolean);
  const dirty = Object.keys(draft).length > 0;

  const save = (event: FormEvent): void => {
    event.preventDefault();
    if (!dirty || invalid) return;
    void command.run(
      () => window.lanyard.updateSettings(draft),
      () => {
        setDraft({});
        setSaved(true);
      },
    );
  };

  return (
    <form className="settings" aria-labelledby="settings-title" onSubmit={save} noValidate>
      <header className="pane-header">
        <h2 id="settings-title">Settings</h2>
      </header>
      <div className="settings__body">
        <fieldset className="settings__group">
          <legend>Search palette</legend>
          <Field
            label="Shortcut"
            help="Record it, or type an Electron accelerator such as CommandOrControl+Alt+K."
            error={errors.hotkey}
          >
            {(control) => (
              <div className="hotkey-field">
                <input
                  {...control}
                  className="input input--mono"
                  value={value.hotkey}
                  spellCheck={false}
                  onChange={(event) => set('hotkey', event.target.value)}
                />
                <HotkeyRecorder value={value.hotkey} onChange={(accelerator) => set('hotkey', accelerator)} />
              </div>
            )}
          </Field>
        </fieldset>

        <fieldset className="settings__group">
          <legend>AWS config profiles</legend>
          <Field
            label="Profile name template"
            help="Placeholders: {account_name}, {account_id}, {role_name}, {session}."
            error={errors.template}
          >
            {(control) => (
              <input
                {...control}
                className="input input--mono"
                value={value.profileNameTemplate}
                spellCheck={false}
                onChange={(event) => set('profileNameTemplate', event.target.value)}
              />
            )}
          </Field>
          <Field
            label="Default region"
            help="Written as region in each profile. Empty: each session's own region."
            error={errors.region}
          >
            {(control) => (
              <input
                {...control}
                className="input input--mono"
                list="settings-regions"
                placeholder="Session region"
                value={value.defaultRegion}
                spellCheck={false}
                onChange={(event) => set('defaultRegion', event.target.value.trim())}
              />
            )}
          </Field>
          <datalist id="settings-regions">
            {IDENTITY_CENTER_REGIONS.map((region) => (
              <option key={region} value={region} />
            ))}
          </datalist>
          <fieldset className="radio-group">
            <legend className="field__label">Profile style</legend>
            {STYLES.map(([style, label, help]) => (
              <label key={style} className="radio">
                <input
                  type="radio"
                  name="profile-style"
                  value={style}
                  checked={value.profileStyle === style}
                  onChange={() => set('profileStyle', style)}
                />
                <span>
                  <span className="radio__label">{label}</span>
                  <span className="field__help">{help}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <Checkbox
            label="Keep ~/.aws/config in step with my assignments"
            checked={value.autoSync}
            onChange={(checked) => set('autoSync', checked)}
          />
          <SelectField
            label="Shell for copied exports"
            help="The syntax of Copy exports. Platform default: PowerShell on Windows, sh elsewhere."
            value={value.exportFormat}
            choices={SHELLS}
            onChange={(shell) => set('exportFormat', shell)}
          />
        </fieldset>

        <fieldset className="settings__group">
          <legend>AWS console</legend>
          <SelectField
            label="Open consoles in"
            value={value.isolation}
            choices={ISOLATION}
            onChange={(method) => set('isolation', method)}
          />
          <Field label="Browser" help="A browser name or the path to its program. Empty: the first one found.">
            {(control) => (
              <input
                {...control}
                className="input"
                list="settings-browsers"
                placeholder="Automatic"
                value={value.browser}
                spellCheck={false}
                onChange={(event) => set('browser', event.target.value)}
              />
            )}
          </Field>
          <datalist id="settings-browsers">
            {BROWSERS.map((browser) => (
              <option key={browser} value={browser} />
            ))}
          </datalist>
        </fieldset>

        <fieldset className="settings__group">
          <legend>Environment badges</legend>
          <EnvironmentOverrides overrides={settings.environmentOverrides} />
        </fieldset>

        <fieldset className="settings__group">
          <legend>System</legend>
          <Checkbox
            label="Start Lanyard when I log in"
            checked={value.startAtLogin}
            onChange={(checked) => set('startAtLogin', checked)}
          />
          <Checkbox
            label="Check for updates automatically"
            checked={value.autoUpdate}
            onChange={(checked) => set('autoUpdate', checked)}
          />
          <Checkbox
            label="Notify me before an SSO session ends"
            checked={value.notifications.sessionEnding}
            onChange={(checked) => setNotification('sessionEnding', checked)}
          />
          <Field label="Minutes of warning" help="From 1 to 120." error={errors.minutes}>
            {(control) => (
              <input
                {...control}
                className="input input--narrow"
                type="number"
                min={1}
                max={120}
                disabled={!value.notifications.sessionEnding}
                value={value.notifications.sessionEndingMinutes}
                onChange={(event) => setNotification('sessionEndingMinutes', event.target.valueAsNumber)}
              />
            )}
          </Field>
          <Checkbox
            label="Notify me when I need to sign in again"
            checked={value.notifications.signInNeeded}
            onChange={(checked) => setNotification('signInNeeded', checked)}
          />
          <Checkbox
            label="Notify me when my account assignments change"
            checked={value.notifications.assignmentChanges}
            onChange={(checked) => setNotification('assignmentChanges', checked)}
          />
          <Field
            label="Background requests per second"
            help={`When Lanyard checks your account lists in the background, at most this many calls a second to IAM Identity Center, so your other AWS tools are not throttled. From ${MIN_BACKGROUND_REQUESTS_PER_SECOND} to ${MAX_BACKGROUND_REQUESTS_PER_SECOND}.`}
            error={errors.backgroundRate}
          >
            {(control) => (
              <input
                {...control}
                className="input input--narrow"
                type="number"
                min={MIN_BACKGROUND_REQUESTS_PER_SECOND}
                max={MAX_BACKGROUND_REQUESTS_PER_SECOND}
                step={0.5}
                value={value.backgroundRequestsPerSecond}
                onChange={(event) => set('backgroundRequestsPerSecond', event.target.valueAsNumber)}
              />
            )}
          </Field>
          <SelectField
            label="Proxy"
            help="How Lanyard reaches AWS. The lanyard command follows HTTPS_PROXY instead, as the AWS CLI does."
            value={value.proxyMode}
            choices={PROXY_MODES}
            onChange={(mode) => set('proxyMode', mode)}
          />
          <Field
            label="Proxy URL"
            help="For example http://proxy.example.com:3128. The password, if any, shows as dots."
            error={errors.proxyUrl}
          >
            {(control) => (
              <input
                {...control}
                className="input input--mono"
                placeholder="http://host:port"
                disabled={value.proxyMode !== 'url'}
                // The password is never shown; an edit that keeps the dots keeps the password.
                value={maskProxyUrl(value.proxyUrl)}
                spellCheck={false}
                autoComplete="off"
                onChange={(event) => set('proxyUrl', event.target.value.trim())}
              />
            )}
          </Field>
          <Field
            label="Extra certificate authorities"
            help="A PEM file of certificate authorities to trust besides the system's, e.g. your company proxy's. Empty: none."
            error={errors.caBundleFile}
          >
            {(control) => (
              <input
                {...control}
                className="input input--mono"
                placeholder="None"
                value={value.caBundleFile}
                spellCheck={false}
                onChange={(event) => set('caBundleFile', event.target.value)}
              />
            )}
          </Field>
          <div className="settings__row">
            <button type="button" className="button" onClick={onShowDiagnostics}>
              <Icon name="info" />
              Diagnostics…
            </button>
            <span className="field__help">The checks of lanyard doctor, with a report to copy.</span>
          </div>
        </fieldset>
      </div>
      <footer className="settings__footer">
        <ErrorMessage error={command.error} onDismiss={command.clearError} />
        <p className="settings__status" role="status">
          {saved ? 'Settings saved.' : dirty ? 'Unsaved changes.' : ''}
        </p>
        <button type="button" className="button" disabled={!dirty || command.pending} onClick={() => setDraft({})}>
          Revert
        </button>
        <button type="submit" className="button button--primary" disabled={!dirty || invalid || command.pending}>
          Save settings
        </button>
      </footer>
    </form>
  );
}
