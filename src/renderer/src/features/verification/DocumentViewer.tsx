import { ActionIcon, Box, Center, Group, Loader, Paper, SegmentedControl, Text, Tooltip } from '@mantine/core';
import { IconRotateClockwise, IconZoomIn, IconZoomOut, IconZoomReset } from '@tabler/icons-react';
import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import type { ApplicationDetail } from '../../../../shared/contract/verification';
import { call } from '../../api/client';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../i18n/format';

type Upload = ApplicationDetail['uploads'][number];

/** pdf.js is loaded only when a PDF is opened: the console's own bundle stays small. */
const PdfPages = lazy(() => import('./PdfPages').then((m) => ({ default: m.PdfPages })));

function fromBase64(b64: string): Uint8Array {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The uploads of one application: pick one, then zoom and rotate it. Each opening is audited by the desk. */
export function DocumentViewer(props: { applicationId: number; uploads: Upload[] }) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<number | null>(props.uploads.find((u) => !u.purgedAt)?.id ?? null);
  const [content, setContent] = useState<{ id: number; mediaType: string; bytes: Uint8Array } | null>(null);
  const [failed, setFailed] = useState(false);
  const [scale, setScale] = useState(1);
  const [rotation, setRotation] = useState(0);
  const upload = props.uploads.find((u) => u.id === selected);

  useEffect(() => {
    if (selected === null) return;
    let live = true;
    setFailed(false);
    setScale(1);
    setRotation(0);
    call('verification.viewUpload', { id: props.applicationId, uploadId: selected }).then(
      (r) => live && setContent({ id: selected, mediaType: r.mediaType, bytes: fromBase64(r.contentBase64) }),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [props.applicationId, selected]);

  const imageUrl = useMemo(() => {
    if (!content || content.mediaType === 'application/pdf') return null;
    return URL.createObjectURL(new Blob([content.bytes.slice().buffer], { type: content.mediaType }));
  }, [content]);
  useEffect(() => () => void (imageUrl && URL.revokeObjectURL(imageUrl)), [imageUrl]);

  return (
    <Paper withBorder radius="md" p="sm" data-testid="document-viewer">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <SegmentedControl
          size="xs"
          value={selected === null ? '' : String(selected)}
          onChange={(v) => setSelected(Number(v))}
          data={props.uploads.map((u) => ({
            value: String(u.id),
            label: `${t(`verification.upload.${u.kind}`)} · ${u.mediaType === 'application/pdf' ? 'PDF' : u.mediaType === 'image/png' ? 'PNG' : 'JPEG'}`,
            disabled: u.purgedAt !== null,
          }))}
          data-testid="upload-picker"
        />
        <Group gap={4} wrap="nowrap">
          <Tooltip label={t('viewer.zoomOut')}>
            <ActionIcon variant="default" onClick={() => setScale((s) => Math.max(0.25, s / 1.25))} aria-label={t('viewer.zoomOut')} data-testid="viewer-zoom-out">
              <IconZoomOut size={16} />
            </ActionIcon>
          </Tooltip>
          <Text fz="xs" w={42} ta="center" className="mono" data-testid="viewer-scale">
            {Math.round(scale * 100)}%
          </Text>
          <Tooltip label={t('viewer.zoomIn')}>
            <ActionIcon variant="default" onClick={() => setScale((s) => Math.min(4, s * 1.25))} aria-label={t('viewer.zoomIn')} data-testid="viewer-zoom-in">
              <IconZoomIn size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('viewer.fit')}>
            <ActionIcon variant="default" onClick={() => setScale(1)} aria-label={t('viewer.fit')}>
              <IconZoomReset size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('viewer.rotate')}>
            <ActionIcon variant="default" onClick={() => setRotation((r) => (r + 90) % 360)} aria-label={t('viewer.rotate')} data-testid="viewer-rotate">
              <IconRotateClockwise size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <Box bg="gray.1" p="sm" style={{ height: 420, overflow: 'auto', borderRadius: 6 }} data-rotation={rotation}>
        {upload?.purgedAt ? (
          <Center h="100%">
            <Text c="dimmed">{t('review.case.purged', { date: formatDateTime(upload.purgedAt, false) })}</Text>
          </Center>
        ) : failed ? (
          <Center h="100%">
            <Text c="red">{t('viewer.failed')}</Text>
          </Center>
        ) : !content || content.id !== selected ? (
          <Center h="100%">
            <Loader size="sm" />
          </Center>
        ) : content.mediaType === 'application/pdf' ? (
          <Suspense fallback={<Loader size="sm" />}>
            <PdfPages data={content.bytes} scale={scale} rotation={rotation} />
          </Suspense>
        ) : (
          <Center style={{ minHeight: '100%' }}>
            <img
              src={imageUrl ?? ''}
              alt={t(`verification.upload.${upload?.kind ?? 'id_photo'}`)}
              data-testid="viewer-image"
              style={{ width: `${scale * 280}px`, transform: `rotate(${rotation}deg)`, transition: 'transform 120ms', margin: rotation % 180 ? `${scale * 40}px 0` : 0 }}
            />
          </Center>
        )}
      </Box>
    </Paper>
  );
}
