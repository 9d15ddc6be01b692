import { useEffect, useState } from 'react';

/** The current time, renewed every `everyMs`, so "locked until 10:47 (in 12 min)" counts down while the card is open. */
export function useNow(everyMs = 20_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
