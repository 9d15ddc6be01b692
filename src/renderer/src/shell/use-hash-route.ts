import { useCallback, useEffect, useState } from 'react';

function read(): string {
  return window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
}

/** `#/audit` -> 'audit'. Hash routing keeps the place across reloads and the lock screen, with no router library. */
export function useHashRoute(): [string, (route: string) => void] {
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: string) => {
    if (read() !== next) window.location.hash = `#/${next}`;
    setRoute(next);
  }, []);
  return [route, navigate];
}
