// The topics as cards: the home screen's grid, and the topics offered with search results.
import type { Category } from '../core/content-schema';
import { CategoryIcon } from './CategoryIcon';
import { Localized } from './Localized';

export function CategoryGrid({ categories, hrefFor }: { categories: Category[]; hrefFor: (id: string) => string }) {
  return (
    <ul class="category-grid">
      {categories.map((category) => (
        <li key={category.id}>
          <a class="category-card" href={hrefFor(category.id)}>
            <CategoryIcon name={category.icon} />
            <Localized as="span" class="category-name" text={category.name} />
          </a>
        </li>
      ))}
    </ul>
  );
}
