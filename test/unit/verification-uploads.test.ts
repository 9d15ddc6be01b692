import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataKey } from '../../src/main/crypto/data-key';
import { readUploads } from '../../src/main/verification/application-input';
import { UploadSealer, uploadContext } from '../../src/main/verification/upload-content';
import { detectMediaType } from '../../src/shared/verification/media-type';

const fixture = (name: string) => fs.readFileSync(`test/fixtures/verification/${name}`);
const bytes = (...b: number[]) => Uint8Array.from(b);

describe('upload type detection', () => {
  it('knows JPEG, PNG and PDF by their first bytes', () => {
    expect(detectMediaType(fixture('id-photo.png'))).toBe('image/png');
    expect(detectMediaType(fixture('proof.pdf'))).toBe('application/pdf');
    expect(detectMediaType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
  });

  it('refuses anything else, whatever it is called: GIF, truncated signatures, text, empty', () => {
    expect(detectMediaType(fixture('photo.gif'))).toBeNull();
    expect(detectMediaType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a))).toBeNull();
    expect(detectMediaType(bytes(0xff, 0xd8))).toBeNull();
    expect(detectMediaType(Buffer.from('%PDF 1.4'))).toBeNull();
    expect(detectMediaType(Buffer.from('<html>%PDF-1.7'))).toBeNull();
    expect(detectMediaType(new Uint8Array())).toBeNull();
  });

  it('never takes random bytes for a document unless they start with a signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (data) => {
        const type = detectMediaType(data);
        const starts = (sig: number[]) => sig.every((b, i) => data[i] === b);
        const expected = starts([0xff, 0xd8, 0xff])
          ? 'image/jpeg'
          : starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
            ? 'image/png'
            : starts([0x25, 0x50, 0x44, 0x46, 0x2d])
              ? 'application/pdf'
              : null;
        expect(type).toBe(expected);
      }),
    );
  });

  it('reports each bad upload by its index, and missing kinds', () => {
    const b64 = (b: Buffer) => b.toString('base64');
    const { issues, files } = readUploads(
      [
        { kind: 'id_photo', fileName: 'a.jpg', contentBase64: b64(fixture('photo.gif')) },
        { kind: 'proof', fileName: 'b.pdf', contentBase64: b64(fixture('proof.pdf')) },
        { kind: 'proof', fileName: 'c.pdf', contentBase64: '' },
        { kind: 'proof', fileName: 'd.png', contentBase64: b64(fixture('id-photo.png')) },
      ],
      1024,
      ['id_photo', 'proof'],
    );
    expect(issues.map((i) => `${i.path}:${i.reason}`)).toEqual(['uploads.0:file_type', 'uploads.2:empty', 'uploads.3:too_large']);
    expect(files.map((f) => f.mediaType)).toEqual(['application/pdf']);
    expect(readUploads([], 1024, ['id_photo', 'proof']).issues.map((i) => i.reason)).toEqual(['missing_id_photo', 'missing_proof']);
  });
});

describe('upload sealing', () => {
  it('round-trips, and refuses content moved to another upload or tampered with', () => {
    const sealer = new UploadSealer(DataKey.generate());
    const content = fixture('proof.pdf');
    const sealed = sealer.seal(content, uploadContext(1, 'abc'));
    expect(sealed.includes(Buffer.from('%PDF-'))).toBe(false);
    expect(sealer.open(sealed, uploadContext(1, 'abc')).equals(content)).toBe(true);
    expect(() => sealer.open(sealed, uploadContext(2, 'abc'))).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[40]! ^= 1;
    expect(() => sealer.open(tampered, uploadContext(1, 'abc'))).toThrow();
  });
});
