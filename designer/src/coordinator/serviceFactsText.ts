import type { ServiceFacts } from '../api/catalogueApi.js';
import { t, tMaybe } from '../i18n/i18n.js';

const percent = (share: number) => String(Math.round(share * 100));

/** Each channel's share of the service's applications, biggest first: "agency 33 %, centre 67 %". */
export function channelShareText(facts: ServiceFacts): string {
  if (!facts.total) return t('routing.noApplications');
  return Object.entries(facts.channelShare)
    .sort((a, b) => b[1] - a[1])
    .map(([channel, share]) => t('routing.share', { channel: tMaybe(`routing.channel.${channel}`, channel), percent: percent(share) }))
    .join(', ');
}

export function onTimeText(facts: ServiceFacts): string {
  return facts.onTimeRate === undefined ? t('routing.onTimeNone') : t('routing.onTime', { percent: percent(facts.onTimeRate) });
}

/** The three facts in one line, for the decision history. */
export function factsLine(facts: ServiceFacts): string {
  return [channelShareText(facts), onTimeText(facts), t('routing.waiting', { count: facts.waiting })].join(' · ');
}
