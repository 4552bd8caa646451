// A list of guides as large, tappable rows: title, agency and a one-line summary.
import type { GuideListing } from '../core/content-schema';
import { Localized } from './Localized';

export function GuideList({ guides, hrefFor }: { guides: GuideListing[]; hrefFor: (id: string) => string }) {
  return (
    <ul class="guide-list">
      {guides.map((guide) => (
        <li key={guide.id}>
          <a class="guide-link" href={hrefFor(guide.id)}>
            <Localized as="span" class="guide-link-title" text={guide.title} />
            <span class="guide-link-agency">{guide.agency}</span>
            <Localized as="span" class="guide-link-summary" text={guide.summary} />
          </a>
        </li>
      ))}
    </ul>
  );
}
