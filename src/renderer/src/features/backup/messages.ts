/** The store backup card's text. Every key in storeBackupEn needs its storeBackupZhCN translation (typecheck enforces it). */
export const storeBackupEn = {
  'storeBackup.card': 'Store backups',
  'storeBackup.cardText':
    'The whole store — accounts, applications, the audit log, staff, clients and the signing keys — copied while the desk keeps serving. Restore one into an empty data directory with the command npm run restore.',
  'storeBackup.folder': 'Folder: {folder}',
  'storeBackup.none': 'No store backup yet.',
  'storeBackup.file': 'File',
  'storeBackup.size': 'Size',
  'storeBackup.when': 'Written',
  'storeBackup.action': 'Back up now',
  'storeBackup.title': 'Back up the whole store',
  'storeBackup.text':
    'SQLite copies the store as one consistent snapshot while the desk serves. The data key inside is wrapped with this password instead of this computer’s protection, so the backup can be restored on another machine. The file stays on this computer, in the desk’s backup folder.',
  'storeBackup.password': 'Backup password',
  'storeBackup.passwordHint':
    'At least {min} characters, not built on a common password, with enough different characters. Whoever holds the file and the password holds every account’s data and the signing keys.',
  'storeBackup.repeat': 'Repeat the password',
  'storeBackup.mismatch': 'The two passwords do not match.',
  'storeBackup.tooShort': 'Too short: at least {min} characters.',
  'storeBackup.submit': 'Write the backup',
  'storeBackup.doneTitle': 'Store backed up',
  'storeBackup.done': '{accounts} accounts and {entries} audit entries were written to:',
  'storeBackup.close': 'Done',
  /** The desk's policy refusal of a backup password (key and store backups; their minimums differ). */
  'reason.password.too_short': 'At least {minimum} characters.',
};

export const storeBackupZhCN: { [K in keyof typeof storeBackupEn]: string } = {
  'storeBackup.card': '数据备份',
  'storeBackup.cardText':
    '完整的服务台数据（账号、申请、审计日志、工作人员、应用接入和签名密钥）在服务台运行期间在线复制。使用命令 npm run restore 将备份恢复到空的数据目录。',
  'storeBackup.folder': '文件夹：{folder}',
  'storeBackup.none': '尚无数据备份。',
  'storeBackup.file': '文件',
  'storeBackup.size': '大小',
  'storeBackup.when': '写入时间',
  'storeBackup.action': '立即备份',
  'storeBackup.title': '备份全部数据',
  'storeBackup.text':
    'SQLite 在服务台运行期间将数据复制为一个一致的快照。备份中的数据密钥改由此口令保护，而不是本机的保护，因此可在其他计算机上恢复。文件保存在本机服务台的备份文件夹中。',
  'storeBackup.password': '备份口令',
  'storeBackup.passwordHint': '至少 {min} 个字符，不得基于常见密码，并包含足够多的不同字符。同时持有文件和口令者即可获得全部账号数据和签名密钥。',
  'storeBackup.repeat': '再次输入口令',
  'storeBackup.mismatch': '两次输入的口令不一致。',
  'storeBackup.tooShort': '口令太短：至少 {min} 个字符。',
  'storeBackup.submit': '写入备份',
  'storeBackup.doneTitle': '数据已备份',
  'storeBackup.done': '已将 {accounts} 个账号和 {entries} 条审计记录写入：',
  'storeBackup.close': '完成',
  'reason.password.too_short': '至少 {minimum} 个字符。',
};
