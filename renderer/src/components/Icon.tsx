/** A few line icons (16 px, currentColor), always decorative: controls carry their own labels. */
const PATHS = {
  star: 'M8 1.8l1.9 3.9 4.3.6-3.1 3 .7 4.3L8 11.6l-3.8 2 .7-4.3-3.1-3 4.3-.6z',
  search: 'M7 12.5a5.5 5.5 0 1 1 0-11 5.5 5.5 0 0 1 0 11zM11 11l3.5 3.5',
  console: 'M2.5 3h11v10h-11zM2.5 6h11M6 9.5l1.5 1.5 3-3',
  terminal: 'M2.5 3.5h11v9h-11zM5 6.5l2 1.5-2 1.5M8.5 10h2.5',
  copy: 'M5.5 5.5h8v8h-8zM10.5 5.5v-3h-8v8h3',
  tag: 'M2.5 2.5h5.5l6 6-5.5 5.5-6-6zM5.5 5.5h.01',
  check: 'M3 8.5l3 3 7-7',
  plus: 'M8 3v10M3 8h10',
  gear: 'M8 10.2a2.2 2.2 0 1 0 0-4.4 2.2 2.2 0 0 0 0 4.4zM8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4',
  list: 'M5.5 4h8M5.5 8h8M5.5 12h8M2.5 4h.01M2.5 8h.01M2.5 12h.01',
  refresh: 'M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3h-3',
  close: 'M4 4l8 8M12 4l-8 8',
  edit: 'M10.5 2.5l3 3-8 8h-3v-3z',
  pin: 'M8 14.5v-4M4.5 10.5h7l-1.5-3v-5h-4v5z',
  alert: 'M8 2l6.5 11.5h-13zM8 6.5v3M8 11.5h.01',
  info: 'M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM8 7.5v4M8 5h.01',
  key: 'M10.5 9.5a4 4 0 1 0-3.9-3.1L1.5 11.5v3h3v-1.5H6V11.5h1.5l1.1-1.1a4 4 0 0 0 1.9-.9zM11 5h.01',
  logout: 'M6.5 2.5h-4v11h4M10.5 5l3 3-3 3M13.5 8h-7',
  chevron: 'M4 6l4 4 4-4',
  sync: 'M2.5 6.5a5.5 5.5 0 0 1 10-2M13.5 9.5a5.5 5.5 0 0 1-10 2M12.5 1.5v3h-3M3.5 14.5v-3h3',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, filled = false }: { name: IconName; filled?: boolean }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill={filled ? 'currentColor' : 'none'}
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
