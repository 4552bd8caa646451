// Screens the first screen does not need (guides, forms, receipts, enrolment, the panel) load on
// first use, with their strings, keeping the first screen's JavaScript small. The service worker precaches their chunks, so they open
// offline all the same.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { loadScreenStrings, useI18n } from '../i18n/i18n';

/** `strings: false` for a screen whose strings are all in `common` (the category screen). */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>, { strings = true } = {}): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function LazyScreen(props: P) {
    const { t } = useI18n();
    const [Screen, setScreen] = useState<ComponentType<P> | undefined>(() => loaded);
    useEffect(() => {
      if (!loaded) {
        // The screen and its strings (locales/*/screens.json) arrive together.
        void Promise.all([load(), strings && loadScreenStrings()]).then(([component]) => {
          loaded = component;
          setScreen(() => component);
        });
      }
    }, []);
    return Screen ? <Screen {...props} /> : <p>{t('common.loading')}</p>;
  };
}
