// Playing a guide's recordings on its screen: which parts can be heard in the patron's language
// (data/audio.ts), and one player for the whole screen, so two recordings never talk at once.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AudioPart } from '../../core/audio';
import type { Guide } from '../../core/content-schema';
import type { Lang } from '../../core/lang';
import { peruDay } from '../../core/peru-day';
import { type PlayablePart, playableParts, recordingObjectUrl } from '../../data/audio';
import { audioCacheChanges } from '../../data/audio-changes';

/** What is playing: the whole guide (`all`) or one part. */
export type ListenTarget = 'all' | AudioPart;

export interface GuideListening {
  parts: Map<AudioPart, PlayablePart>;
  playing: ListenTarget | undefined;
  /** The last play failed (a file dropped for space meanwhile, a codec the browser lacks). */
  failed: boolean;
  toggle(target: ListenTarget): void;
}

export function useGuideListening(guide: Guide | undefined, lang: Lang): GuideListening {
  // Not app/use-store: importing it here split the first screen's chunks (e2e/budget.spec.ts).
  const [cacheVersion, setCacheVersion] = useState(audioCacheChanges.get());
  useEffect(() => audioCacheChanges.subscribe(setCacheVersion), []);
  const [parts, setParts] = useState<PlayablePart[]>([]);
  const [playing, setPlaying] = useState<ListenTarget | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  // One <audio> at a time: each run has its own element, so events of the last one (a pause, a
  // load) never reach the next; a new run or Stop ends the last and silences its element.
  const audio = useRef<HTMLAudioElement | undefined>(undefined);
  const finish = useRef<(() => void) | undefined>(undefined);
  const run = useRef(0);

  useEffect(() => {
    let current = true;
    if (!guide) return setParts([]);
    // No cache to read (a page outside a secure context): no buttons, never a broken screen.
    playableParts(guide, lang, peruDay()).then(
      (found) => current && setParts(found),
      () => current && setParts([]),
    );
    return () => {
      current = false;
    };
  }, [guide, lang, cacheVersion]);

  const silence = () => {
    run.current++;
    audio.current?.pause();
    audio.current = undefined;
    finish.current?.();
  };
  const stop = () => {
    silence();
    setPlaying(undefined);
  };
  // Leaving the guide (or the kiosk going back home) silences it.
  useEffect(() => stop, [guide?.id]);

  const playInOrder = async (target: ListenTarget, queue: PlayablePart[]) => {
    silence();
    const mine = run.current;
    const element = new Audio();
    audio.current = element;
    setPlaying(target);
    setFailed(false);
    for (const { recording } of queue) {
      const url = await recordingObjectUrl(recording);
      if (mine !== run.current) {
        if (url) URL.revokeObjectURL(url);
        return;
      }
      if (!url) continue; // dropped for space since the screen rendered: the next part
      try {
        const ended = new Promise<void>((resolve, reject) => {
          finish.current = resolve;
          element.onended = () => resolve();
          element.onerror = () => reject(element.error ?? new Error('the recording could not be played'));
        });
        element.src = url;
        await element.play();
        await ended;
      } catch {
        if (mine === run.current) setFailed(true);
        break;
      } finally {
        URL.revokeObjectURL(url);
      }
      if (mine !== run.current) return;
    }
    if (mine === run.current) {
      audio.current = undefined;
      setPlaying(undefined);
    }
  };

  return {
    parts: new Map(parts.map((p) => [p.part, p])),
    playing,
    failed,
    toggle(target) {
      if (playing === target) return stop();
      const queue = target === 'all' ? parts : parts.filter((p) => p.part === target);
      if (queue.length) void playInOrder(target, queue);
    },
  };
}
