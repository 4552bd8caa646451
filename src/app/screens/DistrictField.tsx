// The library's district at enrolment: department → province → district from the bundled INEI
// list. Optional, but asked: it is what lets the network's public report place this kiosk's
// counts in a province and a department (never below the district, never the library's name).
// The chosen code travels in the enclosing form as `district` (empty: none chosen).
import { useState } from 'preact/hooks';
import { UbigeoPicker } from '../../components/form/UbigeoPicker';
import { useI18n } from '../../i18n/i18n';

export function DistrictField({ idPrefix, initial }: { idPrefix: string; initial?: string }) {
  const { t } = useI18n();
  const [district, setDistrict] = useState(initial ?? '');
  return (
    <fieldset class="field" aria-describedby={`${idPrefix}-help`}>
      <legend>{t('kiosk.district')}</legend>
      <p class="field-help" id={`${idPrefix}-help`}>
        {t('kiosk.districtHelp')}
      </p>
      <UbigeoPicker idPrefix={idPrefix} value={district} onChange={setDistrict} onBlur={() => undefined} invalid={false} />
      <input type="hidden" name="district" value={district} />
    </fieldset>
  );
}
