// The patron's receipt: code, form, date and status, and what the patron must still do (the form's
// next steps, from content): a pre-application is not the service, and a patron who reads "sent"
// must not go home thinking she is done. It says "sent" only once the server has acknowledged
// the submission; until then, "waiting to send". Printable, next steps included.
import { pickText } from '../../core/localized';
import { Localized } from '../../components/Localized';
import { getForm } from '../../data/catalog';
import { getKioskIdentity } from '../../data/kiosk-identity';
import { useLiveQuery } from '../../data/live';
import { getReceipt } from '../../data/outbox';
import { formatDate, formatTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { paths } from '../router';
import { Missing } from './Missing';
import { ScreenHeading } from './ScreenHeading';

export function ReceiptScreen({ id, visit }: { id: string; visit: number }) {
  const { t, lang } = useI18n();
  // The form is read with the receipt, so the receipt is painted once, with the form's title
  // (not its id first, then the title a frame later).
  const receipt = useLiveQuery(async () => {
    const found = await getReceipt(id);
    return found && { ...found, form: await getForm(found.row.formId), library: (await getKioskIdentity())?.library };
  }, [id]);
  if (!receipt.loaded) return <p>{t('common.loading')}</p>;
  if (!receipt.value) {
    return <Missing message={t('receipt.notFound')} visit={visit} />;
  }
  const { status, row, form, library } = receipt.value;
  const nextSteps = form?.data.afterSend;
  const created = new Date(row.createdAt);
  const help = status === 'sent' ? t('receipt.sentHelp') : status === 'waiting' ? t('receipt.waitingHelp') : t('receipt.rejectedHelp');
  return (
    <article class="receipt">
      <ScreenHeading visit={visit}>{t('receipt.title')}</ScreenHeading>
      <dl class="receipt-facts">
        <dt>{t('receipt.code')}</dt>
        <dd class="receipt-code" data-testid="receipt-code">{row.receipt}</dd>
        <dt>{t('receipt.form')}</dt>
        <dd>{form ? pickText(form.data.title, lang).text : row.formId}</dd>
        <dt>{t('receipt.date')}</dt>
        <dd>
          {formatDate(row.createdAt, lang)}, {formatTime(created)}
        </dd>
        <dt>{t('receipt.status')}</dt>
        <dd class={`receipt-status status-${status}`}>
          <span role="status" data-testid="receipt-status">
            {t(`receipt.${status}`)}
          </span>
        </dd>
      </dl>
      <p>{help}</p>
      {nextSteps && (
        <section class="guide-section next-steps" aria-labelledby="next-steps">
          <h2 id="next-steps">{t('receipt.nextSteps')}</h2>
          <Localized as="p" text={nextSteps} />
        </section>
      )}
      <p>{library ? t('receipt.keepCodeAt', { library }) : t('receipt.keepCode')}</p>
      <div class="actions no-print">
        <button type="button" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>
        <a class="button" href={paths.home()}>
          {t('notFound.home')}
        </a>
      </div>
    </article>
  );
}
