import type { AccountFields } from './account-repository';
import type { AccountCategory, AccountStatus } from '../../shared/identity/account';
import { mod11_2 } from '../../shared/identity/documents';

/**
 * Synthetic, realistic jAccount holders for demos and benchmarks. Pure: no I/O, no clock,
 * no Math.random. The same seed, count and `now` give the same people, in the same order.
 *
 * Everything that must be unique (usernames, student/faculty numbers, document numbers,
 * mobiles, emails) is unique by construction within one run: counters for the values that
 * carry meaning (a resident ID's region and birth date, a student number's year and school),
 * and a bijection of the row index for the rest. Nothing here is a real person's data: the
 * region codes exist, but the sequence numbers and check characters are made up to fit.
 */

/** An account's fields as the registry takes them, plus what only synthetic data carries. */
export interface SeedAccount extends AccountFields {
  /** Pinyin of each Han character (toneless, ü as v), or null for a Latin-script name. */
  syllables: string[] | null;
  statusReason: string | null;
  failedAttempts: number;
  lockedUntil: string | null;
  /** Recent wrong-password sign-ins, oldest first (only for accounts with failedAttempts > 0). */
  failedSignIns: { at: string; source: string }[] | null;
  passwordChangedAt: string | null;
  passwordExpiresAt: string | null;
  activationSentAt: string | null;
  activationChannel: 'sms' | 'email' | null;
  createdAt: string;
  updatedAt: string;
}

export interface SeedOptions {
  seed: number;
  count: number;
  /** The moment the data is made for: no date lies after it; locks run a few minutes past it. */
  now: Date;
}

// ---- a small deterministic PRNG ----------------------------------------------------------

/** mulberry32: 32-bit state, fast, good enough for synthetic data (not for secrets). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

/** A weighted choice by binary search over cumulative weights. */
class Weighted<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(readonly items: readonly T[], weights: readonly number[]) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    weights.forEach((w, i) => (this.cumulative[i] = sum += w));
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng() * this.total;
    let lo = 0;
    let hi = this.items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** `(a * i + b) mod m` with gcd(a, m) = 1 (m a power of ten): a bijection of [0, m). */
class Scramble {
  private readonly a: number;
  private readonly b: number;

  constructor(
    rng: Rng,
    private readonly m: number,
  ) {
    let a = int(rng, Math.floor(m / 10), Math.min(m, 1e8) - 1);
    while (a % 2 === 0 || a % 5 === 0) a++;
    this.a = a;
    this.b = int(rng, 0, m - 1);
  }

  /** i < m, and a * i stays below 2^53 for i < 1e7. */
  of(i: number, digits: number): string {
    return String((this.a * (i % this.m) + this.b) % this.m).padStart(digits, '0');
  }
}

// ---- names -------------------------------------------------------------------------------

/** "字pinyin" pairs, space separated. */
function table(spec: string): [string, string][] {
  return spec
    .trim()
    .split(/\s+/)
    .map((pair) => {
      const chars = [...pair];
      const han = chars.filter((c) => /[\u3400-\u9fff]/.test(c)).join('');
      return [han, pair.slice(han.length)];
    });
}

/** Surnames with their reading as a surname (单 shan, 曾 zeng, 解 xie), roughly by frequency. */
const SURNAMES = table(`
  王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu 郭guo
  何he 高gao 林lin 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao 彭peng 曾zeng
  肖xiao 田tian 董dong 袁yuan 潘pan 于yu 蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng 苏su 魏wei 吕lv 丁ding
  任ren 沈shen 姚yao 卢lu 姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang 范fan 金jin 石shi 廖liao 贾jia 夏xia
  韦wei 付fu 方fang 白bai 邹zou 孟meng 熊xiong 秦qin 邱qiu 江jiang 尹yin 薛xue 闫yan 段duan 雷lei 侯hou
  龙long 史shi 陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong 邵shao 万wan 钱qian 严yan 覃qin 武wu 戴dai
  莫mo 孔kong 向xiang 汤tang 单shan 解xie 翁weng 柏bai 殷yin 倪ni 施shi 俞yu 屠tu 应ying 褚chu 华hua
`);
const SURNAME_WEIGHTS = SURNAMES.map((_, i) => (i < 3 ? 7 : i < 5 ? 5 : i < 20 ? 2.4 - i * 0.06 : i < 60 ? 0.9 - i * 0.008 : 0.3));

const COMPOUND_SURNAMES = table(`
  欧阳ouyang 司马sima 诸葛zhuge 上官shangguan 东方dongfang 皇甫huangfu 令狐linghu 慕容murong
  宇文yuwen 司徒situ 夏侯xiahou 公孙gongsun 长孙zhangsun
`);
/** Their syllables, as nameKeys needs them (欧阳 -> ou, yang). */
const COMPOUND_SYLLABLES: Record<string, string[]> = {
  欧阳: ['ou', 'yang'], 司马: ['si', 'ma'], 诸葛: ['zhu', 'ge'], 上官: ['shang', 'guan'], 东方: ['dong', 'fang'],
  皇甫: ['huang', 'fu'], 令狐: ['ling', 'hu'], 慕容: ['mu', 'rong'], 宇文: ['yu', 'wen'], 司徒: ['si', 'tu'],
  夏侯: ['xia', 'hou'], 公孙: ['gong', 'sun'], 长孙: ['zhang', 'sun'],
};

const MALE_GIVEN = table(`
  伟wei 强qiang 磊lei 军jun 洋yang 勇yong 杰jie 涛tao 明ming 超chao 刚gang 平ping 辉hui 鹏peng 华hua 飞fei
  鑫xin 波bo 斌bin 宇yu 浩hao 凯kai 健jian 俊jun 帆fan 帅shuai 旭xu 龙long 林lin 阳yang 建jian 亮liang
  成cheng 峰feng 毅yi 鸿hong 志zhi 国guo 海hai 东dong 文wen 博bo 轩xuan 昊hao 航hang 泽ze 睿rui 哲zhe
  铭ming 逸yi 豪hao 诚cheng 翔xiang 晨chen 天tian 宏hong 振zhen 嘉jia 霖lin 皓hao 然ran 扬yang 锐rui 坤kun
  钧jun 瑞rui 琦qi 晖hui 政zheng 康kang 永yong 庆qing 春chun 祥xiang 荣rong 威wei 德de 兵bing 炜wei 骏jun
  恒heng 源yuan 舟zhou 杭hang 伦lun 奇qi 宸chen 子zi 一yi 宁ning
`);
const FEMALE_GIVEN = table(`
  芳fang 娜na 敏min 静jing 丽li 艳yan 娟juan 秀xiu 霞xia 桂gui 英ying 玉yu 萍ping 红hong 琳lin 婷ting
  颖ying 慧hui 晓xiao 雪xue 琪qi 欣xin 怡yi 雨yu 诗shi 思si 佳jia 涵han 梓zi 悦yue 彤tong 璐lu
  瑶yao 婧jing 蕾lei 薇wei 晶jing 倩qian 雯wen 菲fei 梦meng 语yu 萱xuan 蓉rong 燕yan 丹dan 洁jie 琴qin
  云yun 莉li 兰lan 梅mei 楠nan 妍yan 婉wan 瑾jin 璇xuan 淑shu 珊shan 岚lan 可ke 馨xin 月yue 清qing
  宁ning 安an 心xin 如ru 一yi 子zi 晨chen 嘉jia
`);

/** Transcribed names (Uyghur and others), written with the middle dot; readings given per character. */
const DOTTED_PARTS = table(`
  艾力aili 买买提maimaiti 阿依古丽ayiguli 古丽米拉gulimila 迪丽娜尔dilinaer 努尔nuer 艾山aishan
  吐尔逊tuerxun 热合曼rehemen 阿木提amuti 伊力哈木yilihamu 帕提古丽patiguli
`);
/** Per-character syllables of the parts above, in order. */
const DOTTED_SYLLABLES: Record<string, string[]> = {
  艾力: ['ai', 'li'], 买买提: ['mai', 'mai', 'ti'], 阿依古丽: ['a', 'yi', 'gu', 'li'], 古丽米拉: ['gu', 'li', 'mi', 'la'],
  迪丽娜尔: ['di', 'li', 'na', 'er'], 努尔: ['nu', 'er'], 艾山: ['ai', 'shan'], 吐尔逊: ['tu', 'er', 'xun'],
  热合曼: ['re', 'he', 'man'], 阿木提: ['a', 'mu', 'ti'], 伊力哈木: ['yi', 'li', 'ha', 'mu'], 帕提古丽: ['pa', 'ti', 'gu', 'li'],
};

const LATIN_GIVEN_MALE = `James John Robert Michael William David Richard Joseph Thomas Daniel Matthew Andrew Lucas Leon
  Felix Jonas Paul Pierre Louis Antoine Hugo Marco Luca Matteo Alessandro Carlos José Diego Juan Pablo Ivan
  Dmitri Alexei Hiroshi Kenji Takumi Minjun Jiho Arjun Rahul Ahmed Omar Mohammed Björn Lars Jean-Luc`
  .trim()
  .split(/\s+/);
const LATIN_GIVEN_FEMALE = `Emma Olivia Sophia
  Anna Marie Laura Sarah Julia Mia Elena Chloé Léa Camille Giulia Sofia Isabella María Lucía Natalia Olga
  Anastasia Yuna Sakura Haruka Seoyeon Jiwoo Priya Aisha Fatima Amira Nora Ingrid Astrid Anne-Marie`
  .trim()
  .split(/\s+/);
const LATIN_FAMILY = `Smith Johnson Williams Brown Jones Miller Davis Wilson Taylor Anderson Martin Thompson Müller
  Schmidt Schneider Fischer Weber Meyer Wagner Becker Dubois Bernard Durand Lefebvre Moreau Laurent Rossi Russo
  Ferrari Esposito Bianchi García Rodríguez Martínez López González Pérez Silva Santos Oliveira Ivanov Petrov
  Smirnov Kowalski Nowak Novák Tanaka Suzuki Takahashi Watanabe Sato Kim Lee Park Choi Jung Nguyen Tran Pham
  Patel Sharma Singh Khan Hassan O'Brien Andersson Johansson Nielsen Hansen Dupont`
  .trim()
  .split(/\s+/);
const LATIN_PARTICLES = ['Van Dijk', 'De Jong', 'Van der Berg', 'Da Silva', 'De Luca'];

/** Passport country prefixes and the ISO 3166 numeric codes a foreign permanent ID carries. */
const FOREIGN_COUNTRIES: { letters: string; numeric: string }[] = [
  { letters: 'US', numeric: '840' }, { letters: 'GB', numeric: '826' }, { letters: 'DE', numeric: '276' },
  { letters: 'FR', numeric: '250' }, { letters: 'IT', numeric: '380' }, { letters: 'ES', numeric: '724' },
  { letters: 'JP', numeric: '392' }, { letters: 'KR', numeric: '410' }, { letters: 'RU', numeric: '643' },
  { letters: 'IN', numeric: '356' }, { letters: 'PK', numeric: '586' }, { letters: 'VN', numeric: '704' },
  { letters: 'BR', numeric: '076' }, { letters: 'NL', numeric: '528' }, { letters: 'SE', numeric: '752' },
];

// ---- places and schools -------------------------------------------------------------------

/** County-level codes that exist (GB/T 2260); Shanghai and the Yangtze delta weigh more. */
const REGIONS = `
  310101 310104 310105 310106 310107 310109 310110 310112 310113 310115 310116 310117 310118 310120
  320102 320104 320106 320505 320506 320508 320211 320302 320402 320602
  330102 330106 330108 330203 330302 330402 330502 330602
  110101 110102 110105 110108 120101 120103 130102 140105 150102 210102 210202 220102 230102
  340102 340103 340104 350102 350203 360102 370102 370202 410102 410105 420102 420106 420111
  430102 430104 440103 440104 440106 440303 440304 440305 450102 460105 500103 510104 510107
  520102 530102 610102 610113 620102 650102
`
  .trim()
  .split(/\s+/);
const REGION_WEIGHTS = REGIONS.map((r) => (r.startsWith('31') ? 3 : r.startsWith('32') || r.startsWith('33') ? 1.6 : 1));

/** Schools and their two-digit codes in synthetic student numbers; weights by size. */
const SCHOOLS: [string, number][] = [
  ['电子信息与电气工程学院', 12], ['机械与动力工程学院', 8], ['船舶海洋与建筑工程学院', 6], ['材料科学与工程学院', 5],
  ['生命科学技术学院', 4], ['医学院', 10], ['安泰经济与管理学院', 7], ['凯原法学院', 3], ['外国语学院', 3],
  ['人文学院', 3], ['数学科学学院', 3], ['物理与天文学院', 3], ['化学化工学院', 4], ['环境科学与工程学院', 3],
  ['农业与生物学院', 3], ['媒体与传播学院', 2], ['国际与公共事务学院', 2], ['马克思主义学院', 1], ['设计学院', 2],
  ['航空航天学院', 3], ['致远学院', 1], ['药学院', 2], ['交大密西根学院', 2], ['上海高级金融学院', 2],
  ['生物医学工程学院', 2], ['智慧能源创新学院', 1], ['海洋学院', 1], ['教育学院', 1], ['体育系', 1],
  ['中英国际低碳学院', 1], ['巴黎卓越工程师学院', 1], ['公共卫生学院', 1],
];
const SCHOOL_PICK = new Weighted(
  SCHOOLS.map((_, i) => i),
  SCHOOLS.map(([, w]) => w),
);
/** Where staff who are not faculty work. */
const UNITS = new Weighted(
  ['网络信息中心', '图书馆', '教务处', '研究生院', '学生工作指导委员会', '财务计划处', '后勤保障处', '保卫处', '人力资源处', '资产管理与实验室处', '国际合作与交流处', '档案文博管理中心'],
  [3, 3, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1],
);

export const SEED_DEPARTMENTS: readonly string[] = [...SCHOOLS.map(([name]) => name), ...UNITS.items];

const MOBILE_PREFIXES = new Weighted(
  '130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 173 176 177 180 181 182 183 185 186 187 188 189 198 199'.split(
    ' ',
  ),
  [1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 2, 1, 1, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 1, 1],
);

const CATEGORY_PICK = new Weighted<AccountCategory>(
  ['undergraduate', 'postgraduate', 'faculty', 'staff', 'alumni', 'visiting'],
  [30, 28, 6, 6, 28, 2],
);

const SUSPEND_REASONS = ['账号存在异常登录，临时冻结', '学籍异动（休学），暂停使用', '借用他人账号，暂停使用', '密码疑似泄露，待本人到柜台核验'];
const REVOKE_REASONS = ['离校超过保留期限', '离职', '退学', '账号转借他人，予以注销', '重复账号，已合并'];

// ---- dates ---------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
/** Resident-ID birth dates are counted from here (the sequence counters are per day). */
const EPOCH_1940 = Date.UTC(1940, 0, 1);
const BIRTH_DAYS = Math.floor((Date.UTC(2030, 0, 1) - EPOCH_1940) / DAY_MS);

const yyyymmdd = (ms: number) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
const iso = (ms: number) => new Date(ms).toISOString();

// ---- the generator -------------------------------------------------------------------------

interface Person {
  realName: string;
  syllables: string[] | null;
  /** Letters only (no digits), for usernames and personal emails. */
  base: string;
  male: boolean;
  latin: boolean;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/**
 * Yields `count` synthetic accounts. Call it once per run: uniqueness holds within the run,
 * not across runs (the seed CLI refuses to seed a store that already has accounts).
 */
export function* generateAccounts(options: SeedOptions): Generator<SeedAccount> {
  const { count, now } = options;
  if (!Number.isInteger(count) || count < 0 || count > 10_000_000) throw new RangeError('count: 0 to 10,000,000 accounts');
  const rng = mulberry32(options.seed);
  const nowMs = now.getTime();
  const thisYear = now.getUTCFullYear();
  /** The latest September intake that has happened. */
  const lastIntake = now.getUTCMonth() >= 8 ? thisYear : thisYear - 1;

  const surnames = new Weighted(SURNAMES, SURNAME_WEIGHTS);
  const compound = new Weighted(COMPOUND_SURNAMES, COMPOUND_SURNAMES.map(() => 1));
  const regions = new Weighted(
    REGIONS.map((_, i) => i),
    REGION_WEIGHTS,
  );

  const scramble = {
    mobile: new Scramble(rng, 1e8),
    foreignMobile: new Scramble(rng, 1e8),
    hkMacao: new Scramble(rng, 1e8),
    taiwan: new Scramble(rng, 1e8),
    cnPassport: new Scramble(rng, 1e8),
    passport: new Scramble(rng, 1e7),
  };

  /** Per (region, birth day, sex): how many resident IDs were issued. */
  const idSequence = new Uint16Array(REGIONS.length * BIRTH_DAYS * 2);
  const permanentSequence = new Map<string, number>();
  /** Per (year, school, kind): the last sequence number given. */
  const numberSequence = new Map<string, number>();
  /** Per letters-only base: how many usernames were made from it. */
  const usernameCount = new Map<string, number>();

  const pick = <T>(items: readonly T[]) => items[Math.floor(rng() * items.length)]!;

  function chineseName(male: boolean): Person {
    const dotted = rng() < 0.004;
    if (dotted) {
      const [first, firstPy] = pick(DOTTED_PARTS);
      let [second, secondPy] = pick(DOTTED_PARTS);
      if (second === first) [second, secondPy] = DOTTED_PARTS[(DOTTED_PARTS.findIndex(([n]) => n === first) + 1) % DOTTED_PARTS.length]!;
      return {
        realName: `${first}·${second}`,
        syllables: [...DOTTED_SYLLABLES[first]!, ...DOTTED_SYLLABLES[second]!],
        base: `${firstPy}${secondPy}`,
        male,
        latin: false,
      };
    }
    const [surname, surnamePy] = rng() < 0.006 ? compound.pick(rng) : surnames.pick(rng);
    const surnameSyllables = COMPOUND_SYLLABLES[surname] ?? [surnamePy];
    const pool = rng() < 0.15 ? (male ? FEMALE_GIVEN : MALE_GIVEN) : male ? MALE_GIVEN : FEMALE_GIVEN;
    const givenLength = rng() < 0.27 ? 1 : 2;
    const given: [string, string][] = [];
    for (let k = 0; k < givenLength; k++) {
      let ch = pick(pool);
      if (k === 1 && ch[0] === given[0]![0] && rng() < 0.8) ch = pick(pool);
      given.push(ch);
    }
    const givenPy = given.map(([, py]) => py);
    const sPy = surnameSyllables.join('');
    const gPy = givenPy.join('');
    const gInitials = givenPy.map((p) => p[0]).join('');
    const style = rng();
    const base = style < 0.5 ? `${sPy}${gPy}` : style < 0.65 ? `${gPy}.${sPy}` : style < 0.8 ? `${gInitials}${sPy}` : `${sPy}${gInitials}`;
    return {
      realName: `${surname}${given.map(([h]) => h).join('')}`,
      syllables: [...surnameSyllables, ...givenPy],
      base,
      male,
      latin: false,
    };
  }

  function latinName(male: boolean): Person {
    const given = pick(male ? LATIN_GIVEN_MALE : LATIN_GIVEN_FEMALE);
    const family = rng() < 0.05 ? pick(LATIN_PARTICLES) : pick(LATIN_FAMILY);
    const style = rng();
    const g = fold(given);
    const f = fold(family);
    const base = style < 0.45 ? `${g}.${f}` : style < 0.8 ? `${g[0]}${f}` : `${g}${f}`;
    return { realName: `${given} ${family}`, syllables: null, base, male, latin: true };
  }

  function username(base: string): string {
    const n = usernameCount.get(base) ?? 0;
    usernameCount.set(base, n + 1);
    // Bases hold no digits and the suffix is only digits, so base + suffix never repeats.
    return n === 0 ? base : `${base}${n}`;
  }

  function birthMs(year: number): number {
    const start = Date.UTC(year, 0, 1);
    const days = Math.round((Date.UTC(year + 1, 0, 1) - start) / DAY_MS);
    return Math.min(start + int(rng, 0, days - 1) * DAY_MS, nowMs - 16 * 365 * DAY_MS);
  }

  function residentId(born: number, male: boolean): string {
    const day = Math.floor((born - EPOCH_1940) / DAY_MS);
    if (day < 0 || day >= BIRTH_DAYS) throw new RangeError(`birth date ${iso(born)} outside the synthetic range`);
    let region = regions.pick(rng);
    for (let tries = 0; tries < REGIONS.length; tries++, region = (region + 1) % REGIONS.length) {
      const slot = (region * BIRTH_DAYS + day) * 2 + (male ? 1 : 0);
      const n = idSequence[slot]!;
      if (n >= 500) continue;
      idSequence[slot] = n + 1;
      // The sequence code's last digit is odd for men, even for women.
      const first17 = `${REGIONS[region]}${yyyymmdd(born)}${String(n * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
      return first17 + mod11_2(first17);
    }
    throw new RangeError('resident ID sequence space exhausted for one birth date');
  }

  function permanentId(born: number, country: string): string {
    const key = `${country}${yyyymmdd(born)}`;
    const n = permanentSequence.get(key) ?? 0;
    if (n >= 1000) throw new RangeError('permanent ID sequence space exhausted');
    permanentSequence.set(key, n + 1);
    const first17 = `931${country}${yyyymmdd(born)}${String(n).padStart(3, '0')}`;
    return first17 + mod11_2(first17);
  }

  function nextNumber(key: string, limit: number): number {
    const n = (numberSequence.get(key) ?? 0) + 1;
    if (n > limit) throw new RangeError(`number sequence ${key} exhausted`);
    numberSequence.set(key, n);
    return n;
  }

  /** n wrong passwords from one address, the last at `last`, a few seconds apart. */
  const failures = (n: number, last: number) => {
    const from = `portal 10.${int(rng, 0, 255)}.${int(rng, 0, 255)}.${int(rng, 1, 254)}`;
    const out: { at: string; source: string }[] = [];
    for (let k = 0, t = last; k < n; k++, t -= int(rng, 5, 60) * 1000) out.unshift({ at: iso(t), source: from });
    return out;
  };

  const pad2 = (n: number) => String(n).padStart(2, '0');

  for (let i = 0; i < count; i++) {
    const category = CATEGORY_PICK.pick(rng);
    const latin = category === 'visiting' ? rng() < 0.45 : category === 'faculty' ? rng() < 0.06 : rng() < 0.1;
    const male = rng() < (category === 'staff' ? 0.45 : 0.55);
    const person = latin ? latinName(male) : chineseName(male);
    const schoolIndex = SCHOOL_PICK.pick(rng);
    let department = SCHOOLS[schoolIndex]![0];
    const school = pad2(schoolIndex + 10);

    // Year of entry, birth year, number.
    let entry: number;
    let bornYear: number;
    let number: string;
    if (category === 'undergraduate' || category === 'postgraduate' || category === 'alumni') {
      const kind = category === 'undergraduate' ? 1 : category === 'postgraduate' ? (rng() < 0.7 ? 2 : 3) : rng() < 0.55 ? 1 : rng() < 0.75 ? 2 : 3;
      entry = category === 'alumni' ? int(rng, 1980, lastIntake - 3) : int(rng, lastIntake - (kind === 1 ? 3 : kind === 2 ? 2 : 5), lastIntake);
      bornYear = entry - (kind === 1 ? 18 + (rng() < 0.2 ? 1 : 0) : kind === 2 ? 22 + int(rng, 0, 3) : 24 + int(rng, 0, 5));
      // 12 digits: year of entry, school, 1 bachelor / 2 master / 3 doctoral, five-digit sequence.
      number = `${entry}${school}${kind}${String(nextNumber(`${entry}${school}${kind}`, 99_999)).padStart(5, '0')}`;
    } else if (category === 'faculty' || category === 'staff') {
      entry = int(rng, 1985, thisYear);
      bornYear = entry - (category === 'faculty' ? 29 + int(rng, 0, 8) : 23 + int(rng, 0, 10));
      if (category === 'staff') department = UNITS.pick(rng);
      // 7 digits: 1 faculty / 2 staff, two-digit year of hire, four-digit sequence (the next year's when full).
      const key = (year: number) => `${category}${year % 100}`;
      let year = entry;
      let seq = (numberSequence.get(key(year)) ?? 0) + 1;
      while (seq > 9_999) {
        if (++year > entry + 50) throw new RangeError('staff number space exhausted');
        seq = (numberSequence.get(key(year)) ?? 0) + 1;
      }
      numberSequence.set(key(year), seq);
      number = `${category === 'faculty' ? 1 : 2}${pad2(year % 100)}${String(seq).padStart(4, '0')}`;
    } else {
      entry = int(rng, thisYear - 1, thisYear);
      bornYear = thisYear - 28 - int(rng, 0, 35);
      number = `V${entry}${school}${String(nextNumber(`V${entry}${school}`, 9_999)).padStart(4, '0')}`;
    }
    const born = birthMs(Math.max(1941, bornYear));

    // Identity document.
    let document: SeedAccount['document'];
    if (latin) {
      const country = pick(FOREIGN_COUNTRIES);
      document =
        category === 'faculty' || (category === 'visiting' && rng() < 0.1) || rng() < 0.03
          ? { type: 'foreign_permanent_id', number: permanentId(born, country.numeric) }
          : { type: 'passport', number: `${country.letters}${scramble.passport.of(i, 7)}` };
    } else {
      const r = rng();
      document =
        r < 0.955
          ? { type: 'prc_id', number: residentId(born, person.male) }
          : r < 0.98
            ? { type: 'hk_macao_permit', number: `${rng() < 0.75 ? 'H' : 'M'}${scramble.hkMacao.of(i, 8)}` }
            : r < 0.995
              ? { type: 'taiwan_permit', number: scramble.taiwan.of(i, 8) }
              : { type: 'passport', number: `E${scramble.cnPassport.of(i, 8)}` };
    }

    // Status and its history.
    const s = rng();
    const pendingShare = category === 'visiting' ? 0.12 : category === 'alumni' ? 0.02 : 0.045;
    const revokedShare = category === 'alumni' || category === 'visiting' ? 0.05 : 0.02;
    const status: AccountStatus = s < pendingShare ? 'pending' : s < pendingShare + 0.02 ? 'suspended' : s < pendingShare + 0.02 + revokedShare ? 'revoked' : 'active';
    const entryMs = Date.UTC(entry, 8, 1) - int(rng, 0, 14) * DAY_MS + int(rng, 1, 10) * 3_600_000 + int(rng, 0, 3599) * 1000;
    const createdMs =
      status === 'pending' ? nowMs - int(rng, 1, 30 * 24 * 60) * 60_000 : Math.min(Math.max(entryMs, Date.UTC(2006, 8, 1) + int(rng, 0, 300) * DAY_MS), nowMs - 3 * DAY_MS);
    const activatedMs = status === 'pending' ? null : Math.min(createdMs + int(rng, 10, 72 * 60) * 60_000, nowMs - DAY_MS);
    const changedMs = activatedMs === null ? null : activatedMs + Math.floor(rng() * (nowMs - DAY_MS - activatedMs));
    let updatedMs = changedMs ?? createdMs;
    let statusReason: string | null = null;
    if (status === 'suspended' || status === 'revoked') {
      statusReason = pick(status === 'suspended' ? SUSPEND_REASONS : REVOKE_REASONS);
      updatedMs = updatedMs + Math.floor(rng() * (nowMs - updatedMs));
    }
    let failedAttempts = 0;
    let lockedUntil: string | null = null;
    let failedSignIns: { at: string; source: string }[] | null = null;
    let passwordExpiresAt: string | null = null;
    if (status === 'active') {
      const f = rng();
      if (f < 0.01) {
        // Locked a few minutes ago after five wrong passwords; the lock lasts 15 minutes.
        failedAttempts = 5;
        const lastFail = nowMs - int(rng, 0, 12 * 60) * 1000;
        lockedUntil = iso(lastFail + 15 * 60_000);
        failedSignIns = failures(5, lastFail);
      } else if (f < 0.05) {
        failedAttempts = int(rng, 1, 4);
        const lastFail = nowMs - int(rng, 1, 48 * 60) * 60_000;
        failedSignIns = failures(failedAttempts, lastFail);
      } else if (f < 0.06) {
        passwordExpiresAt = iso(nowMs - int(rng, 1, 120) * DAY_MS);
      }
      if (failedSignIns) updatedMs = Math.max(updatedMs, Date.parse(failedSignIns[failedSignIns.length - 1]!.at));
    }

    // Username, contacts.
    const user = status === 'pending' ? null : username(person.base);
    const foreignMobile = person.latin && rng() < 0.35;
    const mobile =
      rng() < (category === 'alumni' ? 0.9 : 0.97)
        ? foreignMobile
          ? `+447${scramble.foreignMobile.of(i, 8)}${i % 10}`
          : `+86${MOBILE_PREFIXES.pick(rng)}${scramble.mobile.of(i, 8)}`
        : null;
    let email: string | null = null;
    const e = rng();
    if (e < 0.95) {
      if (!user) email = `${person.base.replace(/\./g, '')}${i}@example.net`;
      else if (category === 'alumni') email = e < 0.6 ? `${user}@alumni.sjtu.edu.cn` : `${user}@example.com`;
      else if (category === 'visiting') email = `${user}@example.org`;
      else email = e < 0.75 ? `${user}@sjtu.edu.cn` : `${user}@${e < 0.85 ? 'example.com' : 'example.org'}`;
    }

    yield {
      username: user,
      realName: person.realName,
      syllables: person.syllables,
      category,
      number,
      department,
      document,
      mobile,
      email,
      status,
      statusReason,
      failedAttempts,
      lockedUntil,
      failedSignIns,
      passwordChangedAt: changedMs === null ? null : iso(changedMs),
      passwordExpiresAt,
      activationSentAt: activatedMs === null ? null : iso(activatedMs),
      activationChannel: activatedMs === null ? null : rng() < 0.7 ? 'sms' : 'email',
      createdAt: iso(createdMs),
      updatedAt: iso(Math.max(updatedMs, createdMs)),
    };
  }
}
