import { Button } from '@mantine/core';
import { IconCamera } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

function detectorClass(): DetectorClass | null {
  const found = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  return found && typeof navigator.mediaDevices?.getUserMedia === 'function' ? found : null;
}

/** Shown only where the browser has a BarcodeDetector and a camera API; reads a QR code and hands its text over. */
export function CameraScan(props: { onText: (text: string) => void }) {
  const { t } = useI18n();
  const [on, setOn] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const { onText } = props;
  const Detector = detectorClass();

  useEffect(() => {
    if (!on || !Detector) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    const detector = new Detector({ formats: ['qr_code'] });
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        while (!stopped) {
          const [found] = await detector.detect(video.current);
          if (found?.rawValue) {
            onText(found.rawValue);
            setOn(false);
            return;
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      } catch {
        setOn(false);
      }
    })();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [on, Detector, onText]);

  if (!Detector) return null;
  return (
    <>
      <Button variant="default" size="lg" leftSection={<IconCamera size={18} />} onClick={() => setOn((v) => !v)} data-testid="camera-scan">
        {on ? t('verify.action.stopCamera') : t('verify.action.camera')}
      </Button>
      {on && <video ref={video} muted playsInline style={{ width: 320, borderRadius: 8 }} />}
    </>
  );
}
