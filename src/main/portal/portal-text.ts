import { RECOVERY_TEXT } from './recovery-text';

/** The end-user pages' words, in both languages. */
export const PORTAL_TEXT = {
  'zh-CN': {
    product: 'jAccount 统一身份认证',
    switchTo: 'English',
    activateTitle: '激活 jAccount',
    activateIntro: '请输入服务台发给您的激活码，并设置您的用户名和密码。工作人员不会看到您的密码。',
    code: '激活码',
    codeHint: '激活码单据上的 12 位字符，例如 ABCD-EFGH-JKLM',
    username: '用户名',
    usernameHint: '3 至 40 个字符：小写字母、数字、“_”、“-”或“.”，以字母开头。用户名设置后不能修改。',
    password: '密码',
    passwordHint: '至少 10 个字符，不能包含用户名，不能是常见密码。',
    password2: '再次输入密码',
    mobile: '绑定手机号（可选）',
    mobileHint: '留空则使用登记时的手机号。',
    submit: '激活',
    doneTitle: '激活成功',
    done: '您的 jAccount 用户名是 {username}。账号将在 {readyAt} 起可以使用（激活后 5 分钟）。',
    errors: '请修改以下问题后再提交。',
    tooMany: '尝试次数过多，请 15 分钟后再试。',
    'field.code.code_invalid': '激活码错误、已过期或已使用。',
    'field.username.too_short': '用户名至少 3 个字符。',
    'field.username.too_long': '用户名最多 40 个字符。',
    'field.username.must_start_with_letter': '用户名必须以字母开头。',
    'field.username.invalid_characters': '用户名只能包含小写字母、数字、“_”、“-”和“.”。',
    'field.username.taken': '该用户名已被使用。',
    'field.password.too_short': '密码至少 10 个字符。',
    'field.password.too_long': '密码最多 128 个字符。',
    'field.password.contains_username': '密码不能包含用户名。',
    'field.password.common_pattern': '密码过于常见，请换一个。',
    'field.password.too_repetitive': '密码使用的不同字符太少。',
    'field.password2.mismatch': '两次输入的密码不一致。',
    'field.mobile.format': '请输入有效的手机号。',
    'field.required': '此项必填。',
    ...RECOVERY_TEXT['zh-CN'],
  },
  en: {
    product: 'jAccount unified identity',
    switchTo: '中文',
    activateTitle: 'Activate your jAccount',
    activateIntro: 'Enter the activation code the service desk gave you and choose your username and password. No staff member ever sees your password.',
    code: 'Activation code',
    codeHint: 'The 12 characters on your activation slip, e.g. ABCD-EFGH-JKLM',
    username: 'Username',
    usernameHint: '3 to 40 characters: lowercase letters, digits, "_", "-" or ".", starting with a letter. It can never be changed.',
    password: 'Password',
    passwordHint: 'At least 10 characters, not containing the username, not a common password.',
    password2: 'Repeat the password',
    mobile: 'Mobile number to bind (optional)',
    mobileHint: 'Leave empty to keep the number given at registration.',
    submit: 'Activate',
    doneTitle: 'Your jAccount is ready',
    done: 'Your jAccount username is {username}. It works from {readyAt} (5 minutes after activation).',
    errors: 'Please correct the following and submit again.',
    tooMany: 'Too many attempts. Please try again in 15 minutes.',
    'field.code.code_invalid': 'The activation code is wrong, expired or already used.',
    'field.username.too_short': 'The username needs at least 3 characters.',
    'field.username.too_long': 'The username can have at most 40 characters.',
    'field.username.must_start_with_letter': 'The username must start with a letter.',
    'field.username.invalid_characters': 'Use only lowercase letters, digits, "_", "-" and ".".',
    'field.username.taken': 'This username is already taken.',
    'field.password.too_short': 'The password needs at least 10 characters.',
    'field.password.too_long': 'The password can have at most 128 characters.',
    'field.password.contains_username': 'The password must not contain the username.',
    'field.password.common_pattern': 'This password is too common; choose another.',
    'field.password.too_repetitive': 'This password uses too few different characters.',
    'field.password2.mismatch': 'The two passwords differ.',
    'field.mobile.format': 'Enter a valid mobile number.',
    'field.required': 'This field is required.',
    ...RECOVERY_TEXT.en,
  },
} as const satisfies Record<'zh-CN' | 'en', Record<string, string>>;

export type PortalLanguage = keyof typeof PORTAL_TEXT;
export type PortalKey = keyof (typeof PORTAL_TEXT)['en'];

export function portalText(lang: PortalLanguage, key: string, params: Record<string, string> = {}): string {
  const table = PORTAL_TEXT[lang] as Record<string, string>;
  const text = table[key] ?? table['field.required']!;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
}
