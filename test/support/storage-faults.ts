import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Real storage faults for tests. Root ignores file modes, so a read-only folder is made with
 * the immutable attribute (chattr +i) there, and with modes elsewhere; a full disk is a small
 * tmpfs, which only root can mount.
 */
const isRoot = process.getuid?.() === 0;

export function makeReadOnly(paths: readonly string[], readOnly: boolean): void {
  const existing = paths.filter((p) => fs.existsSync(p));
  if (isRoot) {
    if (existing.length) execFileSync('chattr', [readOnly ? '+i' : '-i', ...existing]);
    return;
  }
  for (const p of existing) fs.chmodSync(p, readOnly ? (fs.statSync(p).isDirectory() ? 0o500 : 0o400) : 0o700);
}

/** A tmpfs of `megabytes` at `dir`, or null where this process may not mount one (not root). */
export function mountSmallDisk(dir: string, megabytes: number): { unmount(): void } | null {
  if (!isRoot) return null;
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch {
    return null;
  }
  return { unmount: () => execFileSync('umount', ['-l', dir]) };
}

/** Fills the file system holding `dir` until it refuses another byte; returns the filler's path. */
export function fillDisk(dir: string): string {
  const filler = `${dir}/filler.bin`;
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 0x5a);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  }
  const small = Buffer.alloc(512, 0x5a);
  try {
    for (;;) fs.writeSync(fd, small);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}
