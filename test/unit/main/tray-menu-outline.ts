/** A tray menu template as indented text, for snapshots and for reading: `[text]` labels, `=> kind target` actions, `▸` submenus. */
import type { TrayMenuItem } from '../../../electron/main/tray-menu.js';

export function outline(items: readonly TrayMenuItem[], depth = 0, maxDepth = Infinity): string {
  const pad = '  '.repeat(depth);
  return items
    .map((item) => {
      switch (item.type) {
        case 'separator':
          return `${pad}---`;
        case 'label':
          return `${pad}[${item.label}]`;
        case 'submenu':
          return depth + 1 >= maxDepth
            ? `${pad}${item.label} ▸ (${item.items.length} items)`
            : `${pad}${item.label} ▸\n${outline(item.items, depth + 1, maxDepth)}`;
        case 'action': {
          const { action } = item;
          const target =
            'roleKey' in action ? ` ${action.roleKey}` : 'sessionName' in action ? ` ${action.sessionName}` : '';
          const flags = [
            item.enabled === false && 'disabled',
            item.checked && 'checked',
            item.accelerator && `<${item.accelerator}>`,
          ].filter(Boolean);
          return `${pad}${item.label}${flags.length ? ` (${flags.join(', ')})` : ''} => ${action.kind}${target}`;
        }
      }
    })
    .join('\n');
}

/** Every item of a template, submenus' items included. */
export function itemCount(items: readonly TrayMenuItem[]): number {
  return items.reduce((total, item) => total + 1 + (item.type === 'submenu' ? itemCount(item.items) : 0), 0);
}
