/** Lanyard's mark: a badge on a strap. */
export function BrandMark() {
  return (
    <svg className="brand__mark" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        d="M5.5 1.5 10 8l4.5-6.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <rect x="3.5" y="7.5" width="13" height="11" rx="2.5" fill="currentColor" />
      <circle cx="10" cy="11.6" r="1.8" className="brand__mark-cut" />
      <rect x="6.8" y="14.8" width="6.4" height="1.4" rx="0.7" className="brand__mark-cut" />
    </svg>
  );
}
