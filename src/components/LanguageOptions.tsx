// The languages a patron can choose, as a <select>'s options, each by its own name and marked in
// its language: the panel's default language and the language a recording is read in.
import { REGISTRY } from '../core/lang';
import { switchLanguages } from '../core/language-chain';

export function LanguageOptions() {
  return (
    <>
      {switchLanguages(REGISTRY).map(({ code, name, tag }) => (
        <option key={code} value={code} lang={tag}>
          {name}
        </option>
      ))}
    </>
  );
}
