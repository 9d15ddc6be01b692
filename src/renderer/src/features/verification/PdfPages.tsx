import { Center, Loader, Stack, Text } from '@mantine/core';
import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import PdfWorker from 'pdfjs-dist/build/pdf.worker.min.mjs?worker';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';

/** One pdf.js worker for the console, bundled with it (served from the console's own origin, as the CSP wants). */
function startPdfWorker(): void {
  GlobalWorkerOptions.workerPort ??= new PdfWorker();
}

/** A PDF rendered page by page onto canvases, at `scale`, turned by `rotation` degrees. No script in the PDF runs. */
export function PdfPages(props: { data: Uint8Array; scale: number; rotation: number }) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    startPdfWorker();
    let cancelled = false;
    const task = getDocument({ data: props.data.slice(), isEvalSupported: false, enableXfa: false });
    void (async () => {
      try {
        const pdf = await task.promise;
        const canvases: HTMLCanvasElement[] = [];
        for (let n = 1; n <= pdf.numPages && !cancelled; n++) {
          const page = await pdf.getPage(n);
          const viewport = page.getViewport({ scale: props.scale * (window.devicePixelRatio || 1), rotation: props.rotation });
          const canvas = document.createElement('canvas');
          canvas.width = viewport.width;
          canvas.height = viewport.height;
          canvas.style.width = `${viewport.width / (window.devicePixelRatio || 1)}px`;
          canvas.style.display = 'block';
          canvas.style.boxShadow = '0 1px 4px rgba(0,0,0,.25)';
          canvas.dataset.page = String(n);
          await page.render({ canvas, viewport }).promise;
          canvases.push(canvas);
        }
        if (cancelled || !host.current) return;
        host.current.replaceChildren(...canvases);
        setState('ready');
      } catch {
        if (!cancelled) setState('failed');
      }
    })();
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [props.data, props.scale, props.rotation]);

  return (
    <Stack gap="xs" align="center">
      {state === 'loading' && (
        <Center p="md">
          <Loader size="sm" />
        </Center>
      )}
      {state === 'failed' && <Text c="red">{t('viewer.failed')}</Text>}
      <Stack ref={host} gap="md" align="center" data-testid="pdf-pages" data-state={state} />
    </Stack>
  );
}
