// The guide's "was it useful?" question, counted once per guide in a patron's session (the
// session remembers the answer, so coming back to the guide shows the thanks, not the question).
// Rendered with the guide's id as its key: another guide starts from its own answer. The
// session's memory comes from the shell, as a prop: this screen's chunk does not carry it.
import { useState } from 'preact/hooks';
import { type UsefulAnswer, UsefulQuestion } from '../../components/UsefulQuestion';
import type { UsageSessionTracker } from '../session/usage-session';

export function GuideUseful({ guideId, feedbackHref, sessions }: { guideId: string; feedbackHref?: string; sessions: UsageSessionTracker }) {
  const [answer, setAnswer] = useState<UsefulAnswer | undefined>(() => sessions.guideAnswer(guideId));
  const answerWith = (chosen: UsefulAnswer) => {
    sessions.answerGuide(guideId, chosen);
    // The answer the session kept: the first one, if two taps came before the screen changed.
    setAnswer(sessions.guideAnswer(guideId));
  };
  return <UsefulQuestion answer={answer} onAnswer={answerWith} feedbackHref={feedbackHref} />;
}
