import { pinyin } from 'pinyin-pro';

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** How a typed query is compared to names: lower case, single spaces, no middle dots. */
export function normalizeNameQuery(raw: string): string {
  return raw.toLowerCase().replace(/[·•]/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * The search keys of a real name. 张三 -> 张三, zhangsan, zhang san, zs; John Smith ->
 * john smith, johnsmith, js, smith john, smithjohn. Surnames are read as surnames
 * (单 is shan), so the keys match what people type.
 */
export function nameKeys(realName: string, syllables?: readonly string[]): string[] {
  const name = normalizeNameQuery(realName);
  const keys = new Set<string>([name]);
  if (HAN.test(name)) {
    const parts = syllables ?? pinyin(name.replace(/\s/g, ''), { toneType: 'none', type: 'array', surname: 'head', v: true });
    const clean = parts.map((p) => p.toLowerCase().replace(/[^a-z]/g, '')).filter(Boolean);
    if (clean.length) {
      keys.add(clean.join(''));
      keys.add(clean.join(' '));
      keys.add(clean.map((p) => p[0]).join(''));
      if (clean.length > 1) keys.add(`${clean[0]} ${clean.slice(1).join('')}`);
    }
  } else {
    const words = name.split(' ').filter(Boolean);
    keys.add(words.join(''));
    if (words.length > 1) {
      keys.add(words.map((w) => w[0]).join(''));
      const reversed = [...words.slice(1), words[0]!];
      keys.add(reversed.join(' '));
      keys.add(reversed.join(''));
    }
  }
  return [...keys].filter((k) => k.length > 0);
}
