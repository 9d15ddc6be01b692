import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/main/audit/canonical-json';
import { ConfigError, DEFAULT_PORT, readShellConfig } from '../../src/main/config';

describe('shell configuration', () => {
  it('takes flags over environment over defaults', () => {
    const env = { DESK_PORT: '8100', DESK_DATA_DIR: '/srv/desk', XDG_DATA_HOME: '/xdg' };
    expect(readShellConfig([], {}).port).toBe(DEFAULT_PORT);
    expect(readShellConfig([], { XDG_DATA_HOME: '/xdg' }).dataDir).toBe(path.resolve('/xdg/jaccount-desk'));
    expect(readShellConfig([], env)).toMatchObject({ port: 8100, dataDir: '/srv/desk', host: '127.0.0.1' });
    expect(readShellConfig(['--port', '0', '--data-dir=/tmp/d'], env)).toMatchObject({ port: 0, dataDir: '/tmp/d' });
  });

  it('names the bad setting', () => {
    expect(() => readShellConfig(['--port', 'http'], {})).toThrow(/port: "http"/);
    expect(() => readShellConfig(['--port', '70000'], {})).toThrow(ConfigError);
    expect(() => readShellConfig(['--host', '0.0.0.0'], {})).toThrow(/host: "0.0.0.0" is not a loopback/);
    expect(() => readShellConfig(['--data-dir'], {})).toThrow(/--data-dir needs a value/);
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});
