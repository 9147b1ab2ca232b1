// The product mark: a house whose body is a data grid — MLS listings as rows.
// Inline SVG (no external asset) coloured through CSS so it follows the theme.

/** The RETS Data Portal logo; decorative unless `title` is given. */
export function Logo({ size = 24, title }: { size?: number; title?: string }) {
  return (
    <svg
      className="logo"
      width={size}
      height={size}
      viewBox="0 0 32 32"
      role={title ? "img" : undefined}
      aria-hidden={title ? undefined : true}
      aria-label={title}
      focusable="false"
    >
      <path className="logo-roof" d="M3 15 L16 4 L29 15" fill="none" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
      <rect className="logo-header" x="7" y="13" width="18" height="5" rx="1" />
      <rect className="logo-body" x="7" y="13" width="18" height="15" rx="1.5" fill="none" strokeWidth="2" />
      <path className="logo-grid" d="M7 23 H25 M13 18 V28 M19 18 V28" fill="none" strokeWidth="1.5" />
    </svg>
  );
}
