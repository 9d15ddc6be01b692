import { useCallback, useEffect, useState } from 'react';

/** `#/accounts/12` -> 'accounts/12'. */
export function readHashPath(): string {
  return window.location.hash.replace(/^#\/?/, '');
}

function read(): string {
  return readHashPath().split(/[/?]/)[0] ?? '';
}

/**
 * `#/audit` -> 'audit'. Hash routing keeps the place across reloads and the lock screen, with no router library.
 * An area may keep its own place after its name (`#/accounts/12`); navigating to the area's name leaves it.
 */
export function useHashRoute(): [string, (route: string) => void] {
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: string) => {
    if (readHashPath() !== next) window.location.hash = `#/${next}`;
    setRoute(next.split(/[/?]/)[0] ?? '');
  }, []);
  return [route, navigate];
}

/** The whole hash path (`accounts/12`), following every change: for an area's own place within it. */
export function useHashPath(): string {
  const [path, setPath] = useState(readHashPath);
  useEffect(() => {
    const onChange = () => setPath(readHashPath());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return path;
}
