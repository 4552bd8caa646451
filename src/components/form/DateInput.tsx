// A date as three fields, day / month (by name) / year, the way patrons say it, whatever order the
// browser's locale would give a native date input (mm/dd/yyyy on an en-US kiosk turned 14 March
// into 3 December). The answer is YYYY-MM-DD once all three are there; a half-typed date is kept
// as it is, so the patron gets "write the day, the month and the year" rather than a wrong date.
import { useEffect, useState } from 'preact/hooks';
import type { Lang } from '../../core/lang';
import { monthName } from '../../i18n/format';

interface Parts {
  day: string;
  month: string;
  year: string;
}

function split(value: string | undefined): Parts {
  const [year = '', month = '', day = ''] = (value ?? '').split('-');
  return { year, month, day: day.replace(/^0(?=\d)/, '') };
}

function join(parts: Parts): string | undefined {
  if (!parts.day && !parts.month && !parts.year) return undefined;
  return `${parts.year}-${parts.month}-${parts.day.padStart(parts.day ? 2 : 0, '0')}`;
}

export interface DateInputProps {
  id: string;
  value: string | undefined;
  lang: Lang;
  labels: { day: string; month: string; year: string; choose: string };
  invalid: boolean;
  describedBy?: string;
  onChange(value: string | undefined): void;
  /** Focus left the three fields (not moving between them). */
  onBlur(): void;
}

export function DateInput({ id, value, lang, labels, invalid, describedBy, onChange, onBlur }: DateInputProps) {
  const [parts, setParts] = useState(() => split(value));
  // A draft restored, or the form cleared, from outside.
  useEffect(() => {
    if (join(parts) !== value) setParts(split(value));
  }, [value]);
  const update = (change: Partial<Parts>) => {
    const next = { ...parts, ...change };
    setParts(next);
    onChange(join(next));
  };
  const aria = { 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy };
  return (
    <div
      class="date-input"
      onFocusOut={(event) => {
        if (!(event.currentTarget as HTMLElement).contains(event.relatedTarget as Node | null)) onBlur();
      }}
    >
      <div class="date-part">
        <label for={`${id}-day`}>{labels.day}</label>
        <input id={`${id}-day`} class="date-day" inputMode="numeric" autocomplete="off" maxLength={2} value={parts.day} onInput={(e) => update({ day: e.currentTarget.value.replace(/\D/g, '') })} {...aria} />
      </div>
      <div class="date-part">
        <label for={`${id}-month`}>{labels.month}</label>
        <select id={`${id}-month`} value={parts.month} onChange={(e) => update({ month: e.currentTarget.value })} {...aria}>
          <option value="">{labels.choose}</option>
          {Array.from({ length: 12 }, (_, i) => (
            <option key={i} value={String(i + 1).padStart(2, '0')}>
              {monthName(i, lang)}
            </option>
          ))}
        </select>
      </div>
      <div class="date-part">
        <label for={`${id}-year`}>{labels.year}</label>
        <input id={`${id}-year`} class="date-year" inputMode="numeric" autocomplete="off" maxLength={4} value={parts.year} onInput={(e) => update({ year: e.currentTarget.value.replace(/\D/g, '') })} {...aria} />
      </div>
    </div>
  );
}
