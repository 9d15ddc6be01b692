import { useEffect, useRef } from 'react';

/**
 * Requests to the Account lookup area from elsewhere in the console: Ctrl+K (focus the search box)
 * and "look it up" (search for a given text). A request waits here until the area is mounted to take it.
 */
export interface LookupRequest {
  query?: string;
}

const EVENT = 'desk:lookup-request';
let pending: LookupRequest | null = null;

export function requestLookup(request: LookupRequest = {}) {
  pending = request;
  window.dispatchEvent(new Event(EVENT));
}

/** Hands every request (one made before mounting too) to the lookup area. */
export function useLookupRequests(onRequest: (request: LookupRequest) => void) {
  const handler = useRef(onRequest);
  useEffect(() => {
    handler.current = onRequest;
  });
  useEffect(() => {
    const take = () => {
      if (!pending) return;
      const request = pending;
      pending = null;
      handler.current(request);
    };
    take();
    window.addEventListener(EVENT, take);
    return () => window.removeEventListener(EVENT, take);
  }, []);
}

/** `#/accounts/12` -> 12. */
export function cardIdOf(hashPath: string): number | null {
  const m = /^accounts\/(\d{1,12})(?:[/?]|$)/.exec(hashPath);
  const id = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export function openCard(id: number) {
  window.location.hash = `#/accounts/${id}`;
}

export function closeCard() {
  if (window.location.hash !== '#/accounts') window.location.hash = '#/accounts';
}
