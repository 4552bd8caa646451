// Screens that most visits never open (forms, receipts, enrolment) load on first use, keeping
// the first screen's JavaScript small. The service worker precaches their chunks, so they open
// offline all the same.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function LazyScreen(props: P) {
    const { t } = useI18n();
    const [Screen, setScreen] = useState<ComponentType<P> | undefined>(() => loaded);
    useEffect(() => {
      if (!loaded) {
        void load().then((component) => {
          loaded = component;
          setScreen(() => component);
        });
      }
    }, []);
    return Screen ? <Screen {...props} /> : <p>{t('common.loading')}</p>;
  };
}
