// The category icons, drawn by the app: content names an icon, it never carries markup.
import type { CategoryIcon as IconName } from '../core/content-schema';

const PATHS: Record<IconName, string> = {
  'id-card': 'M3 5h18v14H3z M7 9a2 2 0 1 0 4 0a2 2 0 1 0-4 0 M6 16c.5-2 2-3 3-3s2.5 1 3 3 M14 9h4 M14 12h4 M14 15h3',
  health: 'M12 21s-7-4.5-9-9a5 5 0 0 1 9-3a5 5 0 0 1 9 3c-2 4.5-9 9-9 9z M12 9v6 M9 12h6',
  family: 'M6 8a2 2 0 1 0 4 0a2 2 0 1 0-4 0 M14 8a2 2 0 1 0 4 0a2 2 0 1 0-4 0 M4 20v-5a4 4 0 0 1 8 0v5 M12 20v-5a4 4 0 0 1 8 0v5',
  education: 'M2 9l10-5 10 5-10 5z M6 11v5c3 2 9 2 12 0v-5 M22 9v6',
  work: 'M3 8h18v12H3z M9 8V5h6v3 M3 13h18',
  money: 'M2 6h20v12H2z M9 12a3 3 0 1 0 6 0a3 3 0 1 0-6 0 M5 9v6 M19 9v6',
  house: 'M3 11l9-7 9 7 M5 10v10h14V10 M10 20v-6h4v6',
  language: 'M4 5h16v11H9l-5 4z M8 9h8 M8 12h5',
  'town-hall': 'M3 21h18 M4 10h16 M12 3l9 5H3z M6 10v8 M10 10v8 M14 10v8 M18 10v8',
};

export function CategoryIcon({ name }: { name: IconName }) {
  return (
    <svg class="category-icon" viewBox="0 0 24 24" width="48" height="48" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
