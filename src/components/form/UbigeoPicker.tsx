// Department → province → district, from the INEI list bundled with the app (loaded on first
// use, so it does not weigh on the first screen; the service worker precaches it).
import { useEffect, useState } from 'preact/hooks';
import { departments, districts, provinces, type UbigeoData } from '../../core/ubigeo';
import { useI18n } from '../../i18n/i18n';

let loading: Promise<UbigeoData> | undefined;
const loadUbigeo = () => (loading ??= import('../../core/ubigeo-inei.json').then((m) => m.default as unknown as UbigeoData));

export function UbigeoPicker({ idPrefix, value, onChange, onBlur, invalid }: { idPrefix: string; value: string; onChange(code: string): void; onBlur(): void; invalid: boolean }) {
  const { t } = useI18n();
  const [data, setData] = useState<UbigeoData | undefined>(undefined);
  const [department, setDepartment] = useState(value.slice(0, 2));
  const [province, setProvince] = useState(value.slice(0, 4));
  useEffect(() => {
    void loadUbigeo().then(setData);
  }, []);
  useEffect(() => {
    if (value) {
      setDepartment(value.slice(0, 2));
      setProvince(value.slice(0, 4));
    }
  }, [value]);
  if (!data) return <p>{t('form.loadingPlaces')}</p>;

  const select = (level: 'department' | 'province' | 'district', current: string, options: Array<{ code: string; name: string }>, pick: (code: string) => void, disabled = false) => (
    <div class="ubigeo-level">
      <label for={`${idPrefix}-${level}`}>{t(`form.${level}`)}</label>
      <select id={`${idPrefix}-${level}`} value={current} disabled={disabled} onChange={(e) => pick(e.currentTarget.value)} onBlur={onBlur} aria-invalid={invalid || undefined}>
        <option value="">{t('form.choose')}</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div class="ubigeo">
      {select('department', department, departments(data), (code) => {
        setDepartment(code);
        setProvince('');
        onChange('');
      })}
      {select('province', province, department ? provinces(data, department) : [], (code) => {
        setProvince(code);
        onChange('');
      }, !department)}
      {select('district', value, province ? districts(data, province) : [], onChange, !province)}
    </div>
  );
}
